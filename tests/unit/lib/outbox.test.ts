import { domainEventSchema } from '../../../contracts/events';
import { logger } from '../../../functions/lib/logger';
import {
  CORRELATION_ID_ATTRIBUTE,
  OUTBOX_EVENT_ATTRIBUTE,
  outboxPut,
} from '../../../functions/lib/outbox';

const event = {
  eventType: 'OrderConfirmed',
  orderId: 'o-1',
  userId: 'u-1',
  total: 900,
  currency: 'USD',
  occurredAt: '2030-01-01T00:00:00.000Z',
} as const;

describe('outboxPut', () => {
  it('writes the event as a new outbox item of the table, expiring a week later', () => {
    const now = Date.parse('2030-01-01T00:00:00.000Z');

    const { Put } = outboxPut('shop-test-orders', event, now);

    expect(Put).toMatchObject({
      TableName: 'shop-test-orders',
      ConditionExpression: 'attribute_not_exists(pk)',
      Item: { sk: 'OUTBOX', eventType: 'OrderConfirmed', expiresAt: now / 1000 + 7 * 24 * 3600 },
    });
    expect(String(Put?.Item?.pk)).toMatch(/^OUTBOX#[0-9a-f-]{36}$/);
    expect(
      domainEventSchema.parse(JSON.parse(String(Put?.Item?.[OUTBOX_EVENT_ATTRIBUTE]))),
    ).toEqual(event);
  });

  it('gives every event an item of its own', () => {
    expect(outboxPut('t', event).Put?.Item?.pk).not.toEqual(outboxPut('t', event).Put?.Item?.pk);
  });

  it('carries the correlation id of the invocation that writes it, when it has one', () => {
    expect(outboxPut('t', event).Put?.Item).not.toHaveProperty(CORRELATION_ID_ATTRIBUTE);

    logger.setCorrelationId('req-42');
    try {
      expect(outboxPut('t', event).Put?.Item?.[CORRELATION_ID_ATTRIBUTE]).toBe('req-42');
    } finally {
      logger.removeKeys(['correlation_id']);
    }
  });
});
