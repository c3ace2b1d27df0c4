import { PublishCommand } from '@aws-sdk/client-sns';
import * as z from 'zod';
import { domainEventSchema } from '../../../contracts/events';
import { sns } from '../../lib/aws/sns';
import { loadConfig, resourceName } from '../../lib/config';
import { logger } from '../../lib/logger';
import { tagMessage, tagsOfEvent } from '../../lib/invocation-tags';
import { CORRELATION_ID_ATTRIBUTE, OUTBOX_EVENT_ATTRIBUTE } from '../../lib/outbox';
import { streamHandler } from '../../lib/middleware/stream-handler';

const config = loadConfig(z.object({ EVENTS_TOPIC_ARN: resourceName }));

/**
 * The publisher of a table's outbox (functions/lib/outbox.ts), fed by the table's stream: each
 * new outbox item's event goes on the events topic with its `eventType` as the message attribute
 * the subscriptions' filter policies select on. Every other record of the stream (the context's
 * own items, an outbox item's TTL deletion) is none of its business. An event that is not one of
 * contracts/events.ts fails, like a publish SNS refuses: retried, then parked on the mapping's
 * on-failure destination. The item's correlation id goes on this record's log lines and on to the
 * subscribers as a message attribute.
 */
export const handler = streamHandler(async (record) => {
  if (record.eventName !== 'INSERT') return;
  const message = record.dynamodb?.NewImage?.[OUTBOX_EVENT_ATTRIBUTE]?.S;
  if (message === undefined) return;
  const correlationId = record.dynamodb?.NewImage?.[CORRELATION_ID_ATTRIBUTE]?.S;
  const event = domainEventSchema.parse(JSON.parse(message));
  tagMessage({ ...tagsOfEvent(event), correlationId });
  await sns.send(
    new PublishCommand({
      TopicArn: config.EVENTS_TOPIC_ARN,
      Message: JSON.stringify(event),
      MessageAttributes: {
        eventType: { DataType: 'String', StringValue: event.eventType },
        ...(correlationId === undefined
          ? {}
          : { [CORRELATION_ID_ATTRIBUTE]: { DataType: 'String', StringValue: correlationId } }),
      },
    }),
  );
  logger.info('Event published', { eventType: event.eventType });
});
