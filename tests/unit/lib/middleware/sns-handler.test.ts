import { userRegisteredEventSchema } from '../../../../contracts/events';
import { parseEventMessage } from '../../../../functions/lib/middleware/sns-handler';
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
