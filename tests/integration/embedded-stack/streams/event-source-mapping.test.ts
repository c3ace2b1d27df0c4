import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import {
  CreateTableCommand,
  DeleteTableCommand,
  DynamoDBClient,
  PutItemCommand,
} from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { openCheckpointStore } from '../../../../embedded-stack/streams/checkpoints';
import {
  startEventSourceMapping,
  type RunningMapping,
} from '../../../../embedded-stack/streams/event-source-mapping';
import type { StreamFailureRecord } from '../../../../embedded-stack/streams/failure-destination';
import type { StreamMappingSettings } from '../../../../embedded-stack/streams/mapping-settings';
import { eventually } from '../../../support/contract-checks';
import { requiredEnv } from '../../../support/saga-fixtures';

// The local event source mapping against DynamoDB Local's real streams (the shared stack's), with
// a table of each test's own and a handler that behaves as the outbox publisher does: records in
// order, the first failure reported (ReportBatchItemFailures) and the batch stopped there.
jest.setTimeout(60_000);

const endpoint = requiredEnv('AWS_ENDPOINT_URL_DYNAMODB');
const dynamodb = new DynamoDBClient({});
const streams = new DynamoDBStreamsClient({ endpoint });

let dataDir: string;
let tableName: string;
const running: RunningMapping[] = [];

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'stream-mapping-'));
  tableName = `stream-mapping-test-${randomUUID()}`;
  await dynamodb.send(
    new CreateTableCommand({
      TableName: tableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' },
    }),
  );
});

afterEach(async () => {
  await Promise.all(running.splice(0).map((mapping) => mapping.stop()));
  await dynamodb.send(new DeleteTableCommand({ TableName: tableName }));
  await rm(dataDir, { recursive: true, force: true });
});

const settings = (overrides: Partial<StreamMappingSettings> = {}): StreamMappingSettings => ({
  functionKey: 'publishTestEvents',
  tableName,
  startingPosition: 'TRIM_HORIZON',
  batchSize: 8,
  maximumRetryAttempts: 2,
  maximumRecordAgeSeconds: -1,
  bisectBatchOnFunctionError: true,
  reportBatchItemFailures: true,
  ...overrides,
});

const put = async (...keys: string[]) => {
  for (const key of keys) {
    await dynamodb.send(
      new PutItemCommand({
        TableName: tableName,
        Item: { pk: { S: key }, poison: { BOOL: key.startsWith('poison') } },
      }),
    );
  }
};

const keyOf = (record: DynamoDBRecord): string => record.dynamodb?.NewImage?.pk?.S ?? '?';

/** A handler like the outbox publisher's, which cannot handle the records `fails` says. */
function publisherLike(fails: (record: DynamoDBRecord) => boolean) {
  const handled: string[] = [];
  const handler = (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
    for (const record of event.Records) {
      if (fails(record)) {
        return Promise.resolve({
          batchItemFailures: [{ itemIdentifier: record.dynamodb?.SequenceNumber ?? '' }],
        });
      }
      handled.push(keyOf(record));
    }
    return Promise.resolve({ batchItemFailures: [] });
  };
  return { handled, handler };
}

async function start(
  handler: (event: DynamoDBStreamEvent) => Promise<unknown>,
  overrides: Partial<StreamMappingSettings> = {},
) {
  const failures: StreamFailureRecord[] = [];
  const mapping = startEventSourceMapping({
    settings: settings(overrides),
    functionArn: 'arn:aws:lambda:us-east-1:000000000000:function:publishTestEvents',
    region: 'us-east-1',
    streams,
    checkpoints: await openCheckpointStore(join(dataDir, 'checkpoints.json')),
    onFailure: (failure) => {
      failures.push(failure);
      return Promise.resolve();
    },
    handler,
  });
  running.push(mapping);
  return { mapping, failures };
}

describe('the local DynamoDB stream event source mapping', () => {
  it('parks a record that always fails on the failure destination and hands on every record behind it, once each', async () => {
    const keys = ['a', 'b', 'poison-c', 'd', 'e', 'f', 'g', 'h'];
    await put(...keys);
    const { handled, handler } = publisherLike((record) => keyOf(record).startsWith('poison'));

    const { failures } = await start(handler);

    await eventually(
      () => Promise.resolve(handled.length),
      (count) => count >= 7,
      30_000,
    );
    expect(handled).toEqual(['a', 'b', 'd', 'e', 'f', 'g', 'h']);
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({
      requestContext: { condition: 'RetryAttemptsExhausted' },
      DDBStreamBatchInfo: { batchSize: 1 },
    });
    // Split down to itself, then tried once and retried maximumRetryAttempts (2) times.
    expect(failures[0]?.requestContext.approximateInvokeCount).toBeGreaterThanOrEqual(3);
    const info = failures[0]?.DDBStreamBatchInfo;
    expect(info?.startSequenceNumber).toBe(info?.endSequenceNumber);
  });

  it('retries a failing batch until its handler succeeds again, losing and parking nothing', async () => {
    await put('a', 'b', 'c');
    let outage = 4;
    const { handled, handler } = publisherLike(() => outage-- > 0);

    const { failures } = await start(handler, { maximumRetryAttempts: 10 });

    await eventually(
      () => Promise.resolve(handled.length),
      (count) => count >= 3,
      30_000,
    );
    expect(handled).toEqual(['a', 'b', 'c']);
    expect(failures).toEqual([]);
  });

  it('goes on from its checkpoint after a restart, without handing a record on twice', async () => {
    await put('a', 'b');
    const first = publisherLike(() => false);
    const { mapping } = await start(first.handler);
    await eventually(
      () => Promise.resolve(first.handled.length),
      (count) => count >= 2,
      30_000,
    );
    await mapping.stop();

    await put('c', 'd');
    const second = publisherLike(() => false);
    await start(second.handler);
    await eventually(
      () => Promise.resolve(second.handled.length),
      (count) => count >= 2,
      30_000,
    );

    expect(first.handled).toEqual(['a', 'b']);
    expect(second.handled).toEqual(['c', 'd']);
  });
});
