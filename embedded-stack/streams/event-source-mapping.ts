import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  DescribeStreamCommand,
  GetRecordsCommand,
  GetShardIteratorCommand,
  ListStreamsCommand,
  type _Record as StreamsRecord,
  type DynamoDBStreamsClient,
  type Shard,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import type { CheckpointStore } from './checkpoints';
import type { FailureDestination } from './failure-destination';
import type { StreamMappingSettings } from './mapping-settings';

/**
 * A DynamoDB stream event source mapping, run the way Lambda runs one, against DynamoDB Local's
 * streams (served on its own port): we write our own because no npm package does this faithfully
 * (serverless-offline-dynamodb-streams has no bisect, no on-failure destination and no
 * checkpoints that survive a restart).
 *
 * - Each shard is read in order (a child shard after its parent), from its checkpoint or the
 *   mapping's starting position, in batches of up to `batchSize` records.
 * - A batch that fails (the handler throws, or with ReportBatchItemFailures names a record) is
 *   retried from its first failed record; the records before it are done. With
 *   bisectBatchOnFunctionError the rest is split in two halves, each retried on its own, until
 *   the failing record is alone, so that a poison record is parked alone and the records behind
 *   it flow on. Retries of a batch that is not split count against maximumRetryAttempts; past
 *   it, or once the first record is older than maximumRecordAgeSeconds, the batch is described
 *   to the on-failure destination and the shard moves on past it.
 * - The checkpoint advances after every handled or parked batch, so a restart redelivers at most
 *   the batch in hand (handlers are idempotent, as on Lambda).
 *
 * Lambda does not document its pause between retries of a stream batch; here it doubles from
 * RETRY_BASE_MS up to RETRY_CAP_MS, so an outage of a minute or two is ridden out within the
 * retries serverless.yml allows.
 */
const POLL_INTERVAL_MS = 500;
/** How often the shard list is read again: shards close and open rarely (every few hours). */
const SHARD_LIST_REFRESH_MS = 10_000;
const RETRY_BASE_MS = 200;
const RETRY_CAP_MS = 4_000;

export type StreamHandler = (event: DynamoDBStreamEvent) => Promise<unknown>;

export interface EventSourceMappingOptions {
  settings: StreamMappingSettings;
  functionArn: string;
  region: string;
  streams: DynamoDBStreamsClient;
  checkpoints: CheckpointStore;
  onFailure: FailureDestination;
  handler: StreamHandler;
  log?: (message: string) => void;
}

export interface RunningMapping {
  stop: () => Promise<void>;
}

interface Segment {
  records: DynamoDBRecord[];
  /** How many invocations this batch (and the batches it was split from) has had. */
  invocations: number;
  /** Retries counted against maximumRetryAttempts: a split is not one. */
  retries: number;
}

export function startEventSourceMapping(options: EventSourceMappingOptions): RunningMapping {
  const { settings, streams, checkpoints, log = () => undefined } = options;
  let stopped = false;
  const finishedShards = new Set<string>();
  const iterators = new Map<string, string>();
  let shardList: { shards: Shard[]; readAt: number } | undefined;

  const streamArnOfTable = async (): Promise<string | undefined> => {
    const { Streams } = await streams.send(
      new ListStreamsCommand({ TableName: settings.tableName }),
    );
    return Streams?.at(-1)?.StreamArn;
  };

  const listShards = async (streamArn: string): Promise<Shard[]> => {
    const shards: Shard[] = [];
    let exclusiveStartShardId: string | undefined;
    do {
      const { StreamDescription } = await streams.send(
        new DescribeStreamCommand({
          StreamArn: streamArn,
          ExclusiveStartShardId: exclusiveStartShardId,
        }),
      );
      shards.push(...(StreamDescription?.Shards ?? []));
      exclusiveStartShardId = StreamDescription?.LastEvaluatedShardId;
    } while (exclusiveStartShardId);
    return shards;
  };

  const iteratorFor = async (streamArn: string, shardId: string): Promise<string | undefined> => {
    const checkpoint = checkpoints.get(streamArn, shardId);
    const { ShardIterator } = await streams.send(
      new GetShardIteratorCommand({
        StreamArn: streamArn,
        ShardId: shardId,
        ...(checkpoint
          ? { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: checkpoint }
          : { ShardIteratorType: settings.startingPosition }),
      }),
    );
    return ShardIterator;
  };

  const toLambdaRecord = (streamArn: string, record: StreamsRecord): DynamoDBRecord => {
    const { ApproximateCreationDateTime, ...dynamodb } = record.dynamodb ?? {};
    return {
      eventID: record.eventID,
      eventName: record.eventName,
      eventVersion: record.eventVersion,
      eventSource: 'aws:dynamodb',
      awsRegion: options.region,
      // Lambda hands the time as epoch seconds.
      dynamodb: {
        ...(dynamodb as NonNullable<DynamoDBRecord['dynamodb']>),
        ...(ApproximateCreationDateTime
          ? { ApproximateCreationDateTime: ApproximateCreationDateTime.getTime() / 1000 }
          : {}),
      },
      eventSourceARN: streamArn,
    };
  };

  const sequenceOf = (record: DynamoDBRecord): string => record.dynamodb?.SequenceNumber ?? '';
  const arrivalOf = (record: DynamoDBRecord): number =>
    (record.dynamodb?.ApproximateCreationDateTime ?? Date.now() / 1000) * 1000;

  /** How many of the records were handled: all, or those before the first failure. */
  const invoke = async (records: DynamoDBRecord[]): Promise<number> => {
    let response: unknown;
    try {
      response = await options.handler({ Records: records });
    } catch (error) {
      log(
        `${settings.functionKey} failed: ${error instanceof Error ? error.message : String(error)}`,
      );
      return 0;
    }
    if (!settings.reportBatchItemFailures) return records.length;
    const failures = (response as DynamoDBBatchResponse | undefined)?.batchItemFailures ?? [];
    if (failures.length === 0) return records.length;
    const failedAt = records.findIndex((record) =>
      failures.some((failure) => failure.itemIdentifier === sequenceOf(record)),
    );
    // Like Lambda: a failure naming no record of the batch fails the whole batch.
    return failedAt === -1 ? 0 : failedAt;
  };

  const park = async (
    streamArn: string,
    shardId: string,
    segment: Segment,
    condition: 'RetryAttemptsExhausted' | 'RecordAgeExceeded',
  ): Promise<void> => {
    const first = segment.records[0];
    const last = segment.records.at(-1);
    if (!first || !last) return;
    await options.onFailure({
      requestContext: {
        requestId: randomUUID(),
        functionArn: options.functionArn,
        condition,
        approximateInvokeCount: segment.invocations,
      },
      responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
      version: '1.0',
      timestamp: new Date().toISOString(),
      DDBStreamBatchInfo: {
        shardId,
        startSequenceNumber: sequenceOf(first),
        endSequenceNumber: sequenceOf(last),
        approximateArrivalOfFirstRecord: new Date(arrivalOf(first)).toISOString(),
        approximateArrivalOfLastRecord: new Date(arrivalOf(last)).toISOString(),
        batchSize: segment.records.length,
        streamArn,
      },
    });
    log(
      `${settings.functionKey}: ${segment.records.length} record(s) from ${sequenceOf(first)} parked (${condition})`,
    );
  };

  const tooOld = (record: DynamoDBRecord): boolean =>
    settings.maximumRecordAgeSeconds >= 0 &&
    Date.now() - arrivalOf(record) > settings.maximumRecordAgeSeconds * 1000;

  const retriesLeft = (segment: Segment): boolean =>
    settings.maximumRetryAttempts < 0 || segment.retries < settings.maximumRetryAttempts;

  /** Handles one batch to its end: every record handled or parked, the checkpoint after it. */
  const deliver = async (streamArn: string, shardId: string, batch: DynamoDBRecord[]) => {
    const segments: Segment[] = [{ records: batch, invocations: 0, retries: 0 }];
    while (segments.length > 0 && !stopped) {
      const segment = segments.shift() as Segment;
      const first = segment.records[0];
      if (!first) continue;
      if (tooOld(first)) {
        await park(streamArn, shardId, segment, 'RecordAgeExceeded');
        await checkpoints.set(streamArn, shardId, sequenceOf(segment.records.at(-1) ?? first));
        continue;
      }
      segment.invocations += 1;
      const handled = await invoke(segment.records);
      const lastDone = segment.records[handled - 1];
      if (lastDone) await checkpoints.set(streamArn, shardId, sequenceOf(lastDone));
      const rest = segment.records.slice(handled);
      if (rest.length === 0) continue;
      const failed: Segment = { ...segment, records: rest };
      if (settings.bisectBatchOnFunctionError && rest.length > 1) {
        // Halves until the failing record is alone, so that only it can end parked.
        const half = Math.ceil(rest.length / 2);
        segments.unshift(
          { ...failed, records: rest.slice(0, half) },
          { ...failed, records: rest.slice(half) },
        );
        await sleep(RETRY_BASE_MS);
        continue;
      }
      if (!retriesLeft(failed)) {
        await park(streamArn, shardId, failed, 'RetryAttemptsExhausted');
        await checkpoints.set(streamArn, shardId, sequenceOf(rest.at(-1) ?? first));
        continue;
      }
      await sleep(Math.min(RETRY_CAP_MS, RETRY_BASE_MS * 2 ** failed.retries));
      segments.unshift({ ...failed, retries: failed.retries + 1 });
    }
  };

  /** One read of every shard that may be read now; whether any records came. */
  const pollOnce = async (streamArn: string): Promise<boolean> => {
    const stale =
      !shardList ||
      Date.now() - shardList.readAt > SHARD_LIST_REFRESH_MS ||
      shardList.shards.every((shard) => finishedShards.has(shard.ShardId ?? ''));
    if (stale) shardList = { shards: await listShards(streamArn), readAt: Date.now() };
    const shards = shardList?.shards ?? [];
    const known = new Set(shards.map((shard) => shard.ShardId));
    let sawRecords = false;
    for (const shard of shards) {
      const shardId = shard.ShardId;
      if (!shardId || finishedShards.has(shardId) || stopped) continue;
      // A child shard's records come after its parent's: read it once the parent is done.
      const parent = shard.ParentShardId;
      if (parent && known.has(parent) && !finishedShards.has(parent)) continue;
      const iterator = iterators.get(shardId) ?? (await iteratorFor(streamArn, shardId));
      if (!iterator) {
        finishedShards.add(shardId);
        continue;
      }
      const { Records, NextShardIterator } = await streams.send(
        new GetRecordsCommand({ ShardIterator: iterator, Limit: settings.batchSize }),
      );
      const batch = (Records ?? []).map((record) => toLambdaRecord(streamArn, record));
      if (batch.length > 0) {
        sawRecords = true;
        await deliver(streamArn, shardId, batch);
      }
      if (stopped) return sawRecords;
      if (NextShardIterator) iterators.set(shardId, NextShardIterator);
      else {
        iterators.delete(shardId);
        finishedShards.add(shardId);
      }
    }
    return sawRecords;
  };

  const run = async (): Promise<void> => {
    let streamArn: string | undefined;
    while (!stopped) {
      try {
        streamArn ??= await streamArnOfTable();
        if (!streamArn) throw new Error(`table ${settings.tableName} has no stream`);
        if (await pollOnce(streamArn)) continue;
      } catch (error) {
        // An expired iterator, DynamoDB Local restarting: start again from the checkpoints.
        log(
          `${settings.functionKey}: reading the stream failed (${error instanceof Error ? error.message : String(error)}); reading again from the checkpoints`,
        );
        iterators.clear();
        shardList = undefined;
        streamArn = undefined;
      }
      await sleep(POLL_INTERVAL_MS);
    }
  };

  const running = run();
  return {
    async stop() {
      stopped = true;
      await running;
    },
  };
}
