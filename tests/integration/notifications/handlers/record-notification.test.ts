import { createNotificationsRepository } from '../../../../functions/notifications/notifications-repository';
import { handler as recordNotification } from '../../../../functions/notifications/handlers/record-notification';
import { encodeCursor } from '../../../../functions/lib/dynamo/pagination';
import { lambdaContext } from '../../../support/lambda-context';
import { snsEventOf } from '../../../support/sns-event';
import { requiredEnv, uniqueId } from '../../../support/saga-fixtures';
import { snapshotTable } from '../../../support/table-snapshot';

const tableName = requiredEnv('NOTIFICATIONS_TABLE_NAME');
const notifications = createNotificationsRepository(tableName);

const snsEvent = snsEventOf();

const deliver = (...messages: unknown[]) =>
  recordNotification(snsEvent(...messages), lambdaContext());

const userRegistered = (userId: string, occurredAt = new Date().toISOString()) => ({
  eventType: 'UserRegistered',
  userId,
  email: `${userId}@example.com`,
  name: 'Ada',
  occurredAt,
});

const orderConfirmed = (
  userId: string,
  orderId: string,
  occurredAt = new Date().toISOString(),
) => ({
  eventType: 'OrderConfirmed',
  orderId,
  userId,
  total: 3490,
  currency: 'USD',
  occurredAt,
});

const orderCancelled = (userId: string, orderId: string, cancellationReason = 'OUT_OF_STOCK') => ({
  eventType: 'OrderCancelled',
  orderId,
  userId,
  cancellationReason,
  total: 3490,
  currency: 'USD',
  occurredAt: new Date().toISOString(),
});

const listAll = (userId: string) => notifications.listForUser(userId, { limit: 100 });

describe('RecordNotification (UserRegistered, OrderConfirmed, OrderCancelled subscriber)', () => {
  it('records a WELCOME for a registered user', async () => {
    const userId = uniqueId('user');

    await deliver(userRegistered(userId, '2030-01-01T10:00:00.000Z'));

    expect(await listAll(userId)).toEqual({
      items: [
        {
          notificationId: expect.any(String) as unknown,
          type: 'WELCOME',
          message: expect.stringContaining('Welcome') as unknown,
          createdAt: '2030-01-01T10:00:00.000Z',
        },
      ],
    });
  });

  it('records ORDER_CONFIRMED and ORDER_CANCELLED with the order and the reason in words', async () => {
    const userId = uniqueId('user');
    const [confirmed, cancelled] = [uniqueId('order'), uniqueId('order')];

    await deliver(orderConfirmed(userId, confirmed));
    await deliver(orderCancelled(userId, cancelled, 'PAYMENT_DECLINED'));

    const { items } = await listAll(userId);
    expect(items).toEqual([
      expect.objectContaining({ type: 'ORDER_CANCELLED', orderId: cancelled }),
      expect.objectContaining({ type: 'ORDER_CONFIRMED', orderId: confirmed }),
    ]);
    expect(items[0]?.message).toMatch(/cancelled because .*payment was declined/);
  });

  it('records exactly one notification per type and order however often the event arrives', async () => {
    const userId = uniqueId('user');
    const orderId = uniqueId('order');
    const event = orderConfirmed(userId, orderId);
    await deliver(event);
    const afterOnce = await snapshotTable(tableName, [userId]);

    await deliver(event, { ...event, occurredAt: new Date().toISOString() });
    await Promise.all(
      [deliver(event), deliver(event)].map((delivery) => delivery.catch(() => undefined)),
    );

    expect(await snapshotTable(tableName, [userId])).toEqual(afterOnce);
    expect((await listAll(userId)).items).toHaveLength(1);
  });

  it('records a cancellation of an order that had been confirmed as a second notification', async () => {
    const userId = uniqueId('user');
    const orderId = uniqueId('order');

    await deliver(
      orderConfirmed(userId, orderId),
      orderCancelled(userId, orderId, 'TECHNICAL_FAILURE'),
    );

    expect((await listAll(userId)).items.map((item) => item.type).sort()).toEqual([
      'ORDER_CANCELLED',
      'ORDER_CONFIRMED',
    ]);
  });

  it('welcomes a user once when UserRegistered arrives twice', async () => {
    const userId = uniqueId('user');

    await deliver(userRegistered(userId));
    await deliver(userRegistered(userId));

    expect((await listAll(userId)).items).toHaveLength(1);
  });

  it.each([
    ['not JSON', 'nope'],
    [
      'an event it does not subscribe to',
      {
        eventType: 'ProductCreated',
        productId: 'p',
        name: 'Kettle',
        price: 100,
        currency: 'USD',
        userId: 'u',
        occurredAt: new Date().toISOString(),
      },
    ],
    ['an unknown field', { ...orderConfirmed('u', 'o'), isAdmin: true }],
    ['an unknown reason', orderCancelled('u', 'o', 'BAD_LUCK')],
  ])(
    'rejects a message that is %s with InvalidEventMessage and records nothing',
    async (_, message) => {
      const userId = uniqueId('user');
      const withUser = typeof message === 'string' ? message : { ...message, userId };

      await expect(deliver(withUser)).rejects.toMatchObject({ name: 'InvalidEventMessage' });

      expect(await snapshotTable(tableName, [userId])).toEqual([]);
    },
  );
});

describe("listing a user's notifications", () => {
  it('lists newest first in pages that join up, without the dedupe markers', async () => {
    const userId = uniqueId('user');
    const orderIds = [uniqueId('order'), uniqueId('order'), uniqueId('order')];
    await deliver(userRegistered(userId, '2030-01-01T10:00:00.000Z'));
    for (const [index, orderId] of orderIds.entries()) {
      await deliver(orderConfirmed(userId, orderId, `2030-01-0${index + 2}T10:00:00.000Z`));
    }

    const first = await notifications.listForUser(userId, { limit: 3 });
    const second = await notifications.listForUser(userId, { limit: 3, cursor: first.nextCursor });

    expect([...first.items, ...second.items].map((item) => item.orderId ?? item.type)).toEqual([
      ...[...orderIds].reverse(),
      'WELCOME',
    ]);
    expect(second.nextCursor).toBeUndefined();
  });

  it('lists nothing for a user with no notifications', async () => {
    await expect(listAll(uniqueId('user'))).resolves.toEqual({ items: [] });
  });

  it.each([
    [
      "a cursor of another user's list",
      (other: string) => encodeCursor({ pk: `USER#${other}`, sk: 'NOTIFICATION#2030' }),
    ],
    [
      'a dedupe marker',
      (_: string, me: string) => encodeCursor({ pk: `USER#${me}`, sk: 'SENT#WELCOME' }),
    ],
    ['garbage', () => 'garbage!'],
  ])('refuses with ValidationFailed %s as cursor', async (_, cursorFor) => {
    const [me, other] = [uniqueId('user'), uniqueId('user')];

    await expect(
      notifications.listForUser(me, { limit: 5, cursor: cursorFor(other, me) }),
    ).rejects.toMatchObject({ name: 'ValidationFailed' });
  });
});
