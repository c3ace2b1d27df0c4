import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { createInventoryRepository } from '../../../functions/inventory/inventory-repository';
import { requiredEnv, uniqueId } from '../../support/saga-fixtures';

// Through the embedded stack's SNS: the topic of resources/events.yml, the subscription and filter
// policy of functions/inventory/functions.yml, and the function serverless-offline-sns invokes.
const sns = new SNSClient({});
const topicArn = requiredEnv('EVENTS_TOPIC_ARN');
const inventory = createInventoryRepository(requiredEnv('INVENTORY_TABLE_NAME'));

const publish = (productId: string, eventType: string) =>
  sns.send(
    new PublishCommand({
      TopicArn: topicArn,
      Message: JSON.stringify({
        eventType: 'ProductCreated',
        productId,
        name: 'Mug',
        price: 1200,
        currency: 'USD',
        occurredAt: new Date().toISOString(),
      }),
      MessageAttributes: { eventType: { DataType: 'String', StringValue: eventType } },
    }),
  );

async function stockWithin(productId: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const stock = await inventory.getStock(productId);
    if (stock || Date.now() > deadline) return stock;
    await new Promise((resolveDelay) => setTimeout(resolveDelay, 100));
  }
}

describe('ProductCreated over SNS', () => {
  it('opens the stock of a product with 0 units when ProductCreated is published', async () => {
    const productId = uniqueId('product');

    await publish(productId, 'ProductCreated');

    expect(await stockWithin(productId, 10_000)).toEqual({
      productId,
      onHand: 0,
      reserved: 0,
      available: 0,
    });
  });

  it('does not deliver events that the subscription filter policy leaves out', async () => {
    const filteredOut = uniqueId('product');
    const control = uniqueId('product');

    // An event type no subscription takes, so nothing else receives this message either.
    await publish(filteredOut, 'ProductDiscontinued');
    await publish(control, 'ProductCreated');

    expect(await stockWithin(control, 10_000)).toBeDefined();
    expect(await inventory.getStock(filteredOut)).toBeUndefined();
  });
});
