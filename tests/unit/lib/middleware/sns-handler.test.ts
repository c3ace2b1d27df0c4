import { userRegisteredEventSchema } from '../../../../contracts/events';
import * as z from 'zod';
import { currentCorrelationId } from '../../../../functions/lib/invocation-tags';
import { parseEventMessage, snsHandler } from '../../../../functions/lib/middleware/sns-handler';
import { lambdaContext } from '../../../support/lambda-context';
import { snsEventOf } from '../../../support/sns-event';
import { thrownBy } from '../../../support/thrown';

const event = {
  eventType: 'UserRegistered',
  userId: 'u-1',
  email: 'ada@example.com',
  name: 'Ada',
  occurredAt: '2030-01-01T00:00:00.000Z',
};

describe('parseEventMessage', () => {
  it('parses a UserRegistered message', () => {
    expect(parseEventMessage(userRegisteredEventSchema, JSON.stringify(event))).toEqual(event);
  });

  it.each([
    ['text that is not JSON', '{'],
    ['another event type', JSON.stringify({ ...event, eventType: 'OrderConfirmed' })],
    ['an unknown field', JSON.stringify({ ...event, isAdmin: true })],
    ['a missing userId', JSON.stringify({ ...event, userId: undefined })],
    ['a bad timestamp', JSON.stringify({ ...event, occurredAt: 'yesterday' })],
  ])('rejects %s with InvalidEventMessage', (_, message) => {
    expect(thrownBy(() => parseEventMessage(userRegisteredEventSchema, message))).toMatchObject({
      name: 'InvalidEventMessage',
    });
  });
});

describe('snsHandler', () => {
  it('puts each message’s correlationId attribute on that message’s log lines alone', async () => {
    const seen: (string | undefined)[] = [];
    const handler = snsHandler(z.object({ orderId: z.string().optional() }), () => {
      seen.push(currentCorrelationId());
      return Promise.resolve();
    });
    const event = snsEventOf('OrderConfirmed')({ orderId: 'o-1' }, {});
    const first = event.Records[0];
    if (first) first.Sns.MessageAttributes = { correlationId: { Type: 'String', Value: 'req-1' } };

    await handler(event, lambdaContext());

    expect(seen).toEqual(['req-1', undefined]);
  });
});
