import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { createPaymentsRepository } from '../../../functions/payments/payments-repository';
import { requiredEnv, uniqueId } from '../../support/saga-fixtures';

// Through the embedded stack's SNS: the topic of resources/events.yml, the subscription and filter
// policy of functions/payments/functions.yml, and the function serverless-offline-sns invokes.
const sns = new SNSClient({});
const topicArn = requiredEnv('EVENTS_TOPIC_ARN');
const payments = createPaymentsRepository(requiredEnv('PAYMENTS_TABLE_NAME'));

const publish = (userId: string, eventType: string) =>
  sns.send(
    new PublishCommand({
      TopicArn: topicArn,
      Message: JSON.stringify({
        eventType: 'UserRegistered',
        userId,
        email: `${userId}@example.com`,
        name: 'Ada',
        occurredAt: new Date().toISOString(),
      }),
      MessageAttributes: { eventType: { DataType: 'String', StringValue: eventType } },
    }),
  );

async function walletWithin(userId: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const wallet = await payments.getWallet(userId);
    if (wallet || Date.now() > deadline) return wallet;
    await new Promise((resolveDelay) => setTimeout(resolveDelay, 100));
  }
}

describe('domain events over SNS', () => {
  it('opens an empty wallet when UserRegistered is published on the events topic', async () => {
    const userId = uniqueId('user');

    await publish(userId, 'UserRegistered');

    expect(await walletWithin(userId, 10_000)).toMatchObject({ balance: 0, held: 0, available: 0 });
  });

  it('does not deliver events that the subscription filter policy leaves out', async () => {
    const filteredOut = uniqueId('user');
    const control = uniqueId('user');

    // An event type no subscription selects.
    await publish(filteredOut, 'NothingSubscribesToThis');
    await publish(control, 'UserRegistered');

    expect(await walletWithin(control, 10_000)).toBeDefined();
    expect(await payments.getWallet(filteredOut)).toBeUndefined();
  });
});
