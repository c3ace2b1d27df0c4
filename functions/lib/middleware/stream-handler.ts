import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type {
  Context,
  DynamoDBBatchResponse,
  DynamoDBRecord,
  DynamoDBStreamEvent,
} from 'aws-lambda';
import { logger } from '../logger';
import { coldStartMetric } from '../metrics';
import { traceInvocation } from '../tracer';

/**
 * The one middleware stack for DynamoDB stream consumers (ReportBatchItemFailures). Records are
 * handled in stream order, and the first that fails stops the batch: it is reported as the
 * batch's failure, so the event source mapping checkpoints every record before it and retries
 * from it (with bisect, then the on-failure destination). Stopping there keeps the order of the
 * records of one item; handlers must be idempotent, as a retried record may have half-succeeded.
 */
export const streamHandler = (onRecord: (record: DynamoDBRecord) => Promise<void>) =>
  middy(async (event: DynamoDBStreamEvent, _context: Context): Promise<DynamoDBBatchResponse> => {
    for (const record of event.Records) {
      try {
        await onRecord(record);
      } catch (error) {
        const itemIdentifier = record.dynamodb?.SequenceNumber ?? '';
        logger.error('Stream record failed; the batch is retried from it', {
          sequenceNumber: itemIdentifier,
          error,
        });
        return { batchItemFailures: [{ itemIdentifier }] };
      }
    }
    return { batchItemFailures: [] };
  })
    .use(traceInvocation())
    .use(coldStartMetric())
    .use(injectLambdaContext(logger, { resetKeys: true }));
