import { appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * What Lambda sends to a stream mapping's on-failure destination: a description of the batch it
 * gave up on (shard and sequence numbers), not the records, which stay readable in the stream (and
 * the outbox items in their table).
 */
export interface StreamFailureRecord {
  requestContext: {
    requestId: string;
    functionArn: string;
    condition: 'RetryAttemptsExhausted' | 'RecordAgeExceeded';
    approximateInvokeCount: number;
  };
  responseContext: { statusCode: number; executedVersion: string; functionError?: string };
  version: '1.0';
  timestamp: string;
  DDBStreamBatchInfo: {
    shardId: string;
    startSequenceNumber: string;
    endSequenceNumber: string;
    approximateArrivalOfFirstRecord: string;
    approximateArrivalOfLastRecord: string;
    batchSize: number;
    streamArn: string;
  };
}

export type FailureDestination = (failure: StreamFailureRecord) => Promise<void>;

/**
 * The local on-failure destination: one JSON line per parked batch, in a file of the stack's
 * .local data. On AWS it is an SQS queue (resources/outbox.yml); the embedded stack has no SQS,
 * and a file is the simplest place an operator (and a test) can read that survives a restart.
 */
export function failureFile(file: string): FailureDestination {
  return async (failure) => {
    await mkdir(dirname(file), { recursive: true });
    await appendFile(file, `${JSON.stringify(failure)}\n`);
  };
}
