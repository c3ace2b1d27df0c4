import { PublishCommand } from '@aws-sdk/client-sns';
import { handler as cancelOrder } from '../../../functions/orders/handlers/cancel-order';
import { handler as confirmOrder } from '../../../functions/orders/handlers/confirm-order';
import { handler as markCompensationFailed } from '../../../functions/orders/handlers/mark-compensation-failed';
import { createOrdersRepository } from '../../../functions/orders/orders-repository';
import { sns } from '../../../functions/lib/aws/sns';
import {
  orderCancelledEventSchema,
  orderCompensationFailedEventSchema,
  orderConfirmedEventSchema,
} from '../../../contracts/events';
import type { OrderSagaInput } from '../../../contracts/order-saga';
import { invokeStep } from '../../support/lambda-context';
import { requiredEnv, sagaInput, uniqueId } from '../../support/saga-fixtures';
import { snapshotTable } from '../../support/table-snapshot';

// The saga's last steps announce the order's end on the events topic, after the write and again
// on every retried invocation, while the orders table changes once.
const tableName = requiredEnv('ORDERS_TABLE_NAME');
const topicArn = requiredEnv('EVENTS_TOPIC_ARN');
const orders = createOrdersRepository(tableName);

const caught = (Error: string) => ({ error: { Error, Cause: `${Error} happened` } });

let send: jest.SpyInstance;
beforeEach(() => {
  // Calls go through to the embedded SNS; the spy only records them.
  send = jest.spyOn(sns, 'send');
});
afterEach(() => {
  jest.restoreAllMocks();
});

/** What was published about the order, as SNS got it: the message and its eventType attribute. */
const publishedAbout = (orderId: string) =>
  send.mock.calls
    .map(([command]: unknown[]) => command)
    .filter((command): command is PublishCommand => command instanceof PublishCommand)
    .map(({ input }) => ({
      topicArn: input.TopicArn,
      eventType: input.MessageAttributes?.eventType?.StringValue,
      message: JSON.parse(input.Message ?? 'null') as Record<string, unknown>,
    }))
    .filter(({ message }) => message.orderId === orderId);

async function pendingOrder(): Promise<OrderSagaInput> {
  const input = sagaInput({
    items: [{ productId: uniqueId('product'), quantity: 2 }],
    total: 2 * 1250,
  });
  await orders.createOrder({
    orderId: input.orderId,
    userId: input.userId,
    items: [
      {
        productId: input.items[0]?.productId ?? '',
        name: 'Mug',
        quantity: 2,
        unitPrice: 1250,
        lineTotal: 2500,
      },
    ],
    total: input.total,
    currency: input.currency,
    deliverySlotId: input.deliverySlotId,
  });
  return input;
}

const snsServerError = () =>
  Object.assign(new Error('SNS is having a moment'), {
    name: 'InternalErrorException',
    $fault: 'server',
  });

describe('ConfirmOrder announces OrderConfirmed', () => {
  it('publishes OrderConfirmed on the events topic after confirming', async () => {
    const input = await pendingOrder();

    await invokeStep(confirmOrder, input);

    const order = await orders.getOrder(input.orderId);
    expect(publishedAbout(input.orderId)).toEqual([
      {
        topicArn,
        eventType: 'OrderConfirmed',
        message: {
          eventType: 'OrderConfirmed',
          orderId: input.orderId,
          userId: input.userId,
          total: 2500,
          currency: input.currency,
          occurredAt: order?.updatedAt,
        },
      },
    ]);
    expect(orderConfirmedEventSchema.safeParse(publishedAbout(input.orderId)[0]?.message)).toEqual(
      expect.objectContaining({ success: true }),
    );
  });

  it('publishes the same event again when invoked again, leaving the table as it was', async () => {
    const input = await pendingOrder();
    await invokeStep(confirmOrder, input);
    const afterOnce = await snapshotTable(tableName, [input.orderId]);

    await expect(invokeStep(confirmOrder, input)).resolves.toEqual({
      outcome: 'ALREADY_CONFIRMED',
    });

    expect(await snapshotTable(tableName, [input.orderId])).toEqual(afterOnce);
    const [first, second] = publishedAbout(input.orderId);
    expect(second).toEqual(first);
    expect(publishedAbout(input.orderId)).toHaveLength(2);
  });

  it('fails with TransientError when the publish is lost, and its retry publishes', async () => {
    const input = await pendingOrder();
    send.mockRejectedValueOnce(snsServerError());

    await expect(invokeStep(confirmOrder, input)).rejects.toMatchObject({ name: 'TransientError' });
    expect(await orders.getOrder(input.orderId)).toMatchObject({ status: 'CONFIRMED' });
    const afterFirst = await snapshotTable(tableName, [input.orderId]);

    await invokeStep(confirmOrder, input);

    // The first attempt was lost on the way; the retry sent the very same event.
    const [lost, repaired] = publishedAbout(input.orderId);
    expect(repaired).toMatchObject({ eventType: 'OrderConfirmed' });
    expect(repaired).toEqual(lost);
    expect(publishedAbout(input.orderId)).toHaveLength(2);
    expect(await snapshotTable(tableName, [input.orderId])).toEqual(afterFirst);
  });
});

describe('CancelOrder announces OrderCancelled', () => {
  it('publishes OrderCancelled with the cancellation reason', async () => {
    const input = await pendingOrder();

    await invokeStep(cancelOrder, { ...input, ...caught('OutOfStock') });

    const [published] = publishedAbout(input.orderId);
    expect(published).toMatchObject({
      topicArn,
      eventType: 'OrderCancelled',
      message: { orderId: input.orderId, userId: input.userId, cancellationReason: 'OUT_OF_STOCK' },
    });
    expect(orderCancelledEventSchema.safeParse(published?.message).success).toBe(true);
  });

  it('publishes the stored reason again when invoked again, leaving the table as it was', async () => {
    const input = await pendingOrder();
    await invokeStep(cancelOrder, { ...input, ...caught('PaymentDeclined') });
    const afterOnce = await snapshotTable(tableName, [input.orderId]);

    await invokeStep(cancelOrder, { ...input, ...caught('PaymentDeclined') });

    expect(await snapshotTable(tableName, [input.orderId])).toEqual(afterOnce);
    const messages = publishedAbout(input.orderId).map(({ message }) => message);
    expect(messages).toHaveLength(2);
    expect(messages[1]).toEqual(messages[0]);
    expect(messages[0]).toMatchObject({ cancellationReason: 'PAYMENT_DECLINED' });
  });

  it('announces nothing about an order an operator must look at', async () => {
    const input = { ...(await pendingOrder()), ...caught('TransientError') };
    await invokeStep(markCompensationFailed, input);
    send.mockClear();

    await invokeStep(cancelOrder, input);

    expect(publishedAbout(input.orderId)).toEqual([]);
  });
});

describe('MarkCompensationFailed announces OrderCompensationFailed', () => {
  it('publishes OrderCompensationFailed, and again when invoked again', async () => {
    const input = { ...(await pendingOrder()), ...caught('TransientError') };

    await invokeStep(markCompensationFailed, input);
    await invokeStep(markCompensationFailed, input);

    const published = publishedAbout(input.orderId);
    expect(published.map(({ eventType }) => eventType)).toEqual([
      'OrderCompensationFailed',
      'OrderCompensationFailed',
    ]);
    expect(orderCompensationFailedEventSchema.safeParse(published[0]?.message).success).toBe(true);
  });
});
