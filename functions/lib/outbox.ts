import { randomUUID } from 'node:crypto';
import type { DomainEvent } from '../../contracts/events';
import type { TransactItem } from './dynamo/table';
import { currentCorrelationId } from './invocation-tags';

// The transactional outbox. A domain event is written in the same DynamoDB transaction as the
// change it announces, as an item of the owning table; the table's stream hands the new item to
// the context's publisher (functions/outbox/handlers/publish-events.ts), which puts it on SNS.
// So the change and its event never disagree: both are written or neither, and a failed publish
// is retried from the stream instead of lost. No handler publishes on its own.
//
// Item shape, the same in every table that publishes:
//   pk=OUTBOX#<eventId>  sk=OUTBOX
//   outboxEvent  the event as JSON (one of contracts/events.ts)
//   eventType    the event's type, for reading the table by eye
//   correlationId  the correlation id of the invocation that wrote it, when it has one (an order's
//                is its placing request's, carried in the saga input): the publisher and the
//                subscribers put it back on their log lines
//   expiresAt    epoch seconds: the table's TTL deletes the item once the stream has long passed it

/** The attribute that makes an item an outbox item (the publisher skips every other record). */
export const OUTBOX_EVENT_ATTRIBUTE = 'outboxEvent';

/** The outbox item's attribute, and the SNS message attribute, that carry the correlation id. */
export const CORRELATION_ID_ATTRIBUTE = 'correlationId';

/**
 * How long an outbox item stays. The stream keeps a record 24 hours and the publisher's retries
 * end before that (serverless.yml's maximumRecordAgeInSeconds); a week leaves it readable after.
 */
const OUTBOX_RETENTION_SECONDS = 7 * 24 * 60 * 60;

/** The event's outbox item, as one item of the transaction that writes its change. */
export const outboxPut = (
  tableName: string,
  event: DomainEvent,
  now: number = Date.now(),
): TransactItem => {
  const eventId = randomUUID();
  const correlationId = currentCorrelationId();
  return {
    Put: {
      TableName: tableName,
      Item: {
        pk: `OUTBOX#${eventId}`,
        sk: 'OUTBOX',
        [OUTBOX_EVENT_ATTRIBUTE]: JSON.stringify(event),
        eventType: event.eventType,
        expiresAt: Math.floor(now / 1000) + OUTBOX_RETENTION_SECONDS,
        ...(correlationId === undefined ? {} : { [CORRELATION_ID_ATTRIBUTE]: correlationId }),
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
};
