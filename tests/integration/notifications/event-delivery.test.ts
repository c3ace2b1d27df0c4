import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { createNotificationsRepository } from '../../../functions/notifications/notifications-repository';
import { requiredEnv, uniqueId } from '../../support/saga-fixtures';

// Through the embedded stack's SNS: the topic of resources/events.yml, the subscription and filter
// policy of functions/notifications/functions.yml, and the function serverless-offline-sns invokes.
const sns = new SNSClient({});
const topicArn = requiredEnv('EVENTS_TOPIC_ARN');
const notifications = createNotificationsRepository(requiredEnv('NOTIFICATIONS_TABLE_NAME'));

const publish = (message: Record<string, unknown>, eventType = String(message.eventType)) =>
  sns.send(
    new PublishCommand({
      TopicArn: topicArn,
      Message: JSON.stringify(message),
      MessageAttributes: {
        eventType: { DataType: 'String', StringValue: eventType },
      },
    }),
  );

async function notificationsWithin(userId: string, count: number, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { items } = await notifications.listForUser(userId, { limit: 100 });
    if (items.length >= count || Date.now() > deadline) return items;
    await new Promise((resolveDelay) => setTimeout(resolveDelay, 100));
  }
}

describe('notifications from the events topic', () => {
  it('records a notification for each event the subscription selects', async () => {
    const userId = uniqueId('user');
    const occurredAt = new Date().toISOString();

    await publish({
      eventType: 'UserRegistered',
      userId,
      email: 'a@example.com',
      name: 'Ada',
      occurredAt,
    });
    await publish({
      eventType: 'OrderConfirmed',
      orderId: uniqueId('order'),
      userId,
      total: 100,
      currency: 'USD',
      occurredAt,
    });
    await publish({
      eventType: 'OrderCancelled',
      orderId: uniqueId('order'),
      userId,
      cancellationReason: 'NO_DELIVERY_SLOT',
      total: 100,
      currency: 'USD',
      occurredAt,
    });

    const items = await notificationsWithin(userId, 3, 10_000);
    expect(items.map((item) => item.type).sort()).toEqual([
      'ORDER_CANCELLED',
      'ORDER_CONFIRMED',
      'WELCOME',
    ]);
  });

  it('is not sent the events its filter policy leaves out', async () => {
    const filteredOut = uniqueId('user');
    const control = uniqueId('user');
    const occurredAt = new Date().toISOString();

    // A message the subscriber would take, under an eventType the filter policy leaves out.
    await publish(
      {
        eventType: 'OrderConfirmed',
        orderId: uniqueId('order'),
        userId: filteredOut,
        total: 100,
        currency: 'USD',
        occurredAt,
      },
      'ProductCreated',
    );
    await publish({
      eventType: 'UserRegistered',
      userId: control,
      email: 'c@example.com',
      name: 'Cy',
      occurredAt,
    });

    expect(await notificationsWithin(control, 1, 10_000)).toHaveLength(1);
    expect((await notifications.listForUser(filteredOut, { limit: 10 })).items).toEqual([]);
  });
});
