import type { DynamoDBRecord } from 'aws-lambda';
import { streamHandler } from '../../../../functions/lib/middleware/stream-handler';
import { lambdaContext } from '../../../support/lambda-context';

const record = (sequenceNumber: string): DynamoDBRecord => ({
  eventName: 'INSERT',
  dynamodb: { SequenceNumber: sequenceNumber, NewImage: { pk: { S: sequenceNumber } } },
});

describe('streamHandler', () => {
  it('handles every record in stream order and reports no failure', async () => {
    const seen: string[] = [];
    const handler = streamHandler((item) => {
      seen.push(item.dynamodb?.SequenceNumber ?? '');
      return Promise.resolve();
    });

    const response = await handler(
      { Records: [record('1'), record('2'), record('3')] },
      lambdaContext(),
    );

    expect(seen).toEqual(['1', '2', '3']);
    expect(response).toEqual({ batchItemFailures: [] });
  });

  it('stops at the first record that fails and reports it, so the batch is retried from it', async () => {
    const seen: string[] = [];
    const handler = streamHandler((item) => {
      const sequenceNumber = item.dynamodb?.SequenceNumber ?? '';
      if (sequenceNumber === '2') return Promise.reject(new Error('SNS is down'));
      seen.push(sequenceNumber);
      return Promise.resolve();
    });

    const response = await handler(
      { Records: [record('1'), record('2'), record('3')] },
      lambdaContext(),
    );

    expect(seen).toEqual(['1']);
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: '2' }] });
  });
});
