import { handler as cancelOrder } from '../../../functions/orders/handlers/cancel-order';
import { handler as confirmOrder } from '../../../functions/orders/handlers/confirm-order';
import { handler as markCompensationFailed } from '../../../functions/orders/handlers/mark-compensation-failed';
import { createOrdersRepository } from '../../../functions/orders/orders-repository';
import {
  orderCancelledEventSchema,
  orderCompensationFailedEventSchema,
  orderConfirmedEventSchema,
} from '../../../contracts/events';
import type { OrderSagaInput } from '../../../contracts/order-saga';
import { invokeOnExecutionFailed, invokeStep } from '../../support/lambda-context';
import { outboxEvents } from '../../support/outbox';
import { requiredEnv, sagaInput, uniqueId } from '../../support/saga-fixtures';
import { snapshotTable } from '../../support/table-snapshot';

// The saga's last steps write the order's end and its event in one transaction (the outbox,
// functions/lib/outbox.ts): the event exists exactly when the change does, once, however often
// the step runs. The orders table's publisher puts it on the topic (tests/e2e/events/).
const tableName = requiredEnv('ORDERS_TABLE_NAME');
const orders = createOrdersRepository(tableName);

const caught = (Error: string) => ({ error: { Error, Cause: `${Error} happened` } });

const eventsAbout = (orderId: string) => outboxEvents(tableName, { orderId });

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

describe('ConfirmOrder announces OrderConfirmed', () => {
  it('writes OrderConfirmed to the outbox with the confirmation', async () => {
    const input = await pendingOrder();

    await invokeStep(confirmOrder, input);

    const order = await orders.getOrder(input.orderId);
    const events = await eventsAbout(input.orderId);
    expect(events).toEqual([
      {
        eventType: 'OrderConfirmed',
        orderId: input.orderId,
        userId: input.userId,
        total: 2500,
        currency: input.currency,
        occurredAt: order?.updatedAt,
      },
    ]);
    expect(orderConfirmedEventSchema.safeParse(events[0]).success).toBe(true);
  });

  it('writes nothing more when invoked again, leaving the table as it was', async () => {
    const input = await pendingOrder();
    await invokeStep(confirmOrder, input);
    const afterOnce = await snapshotTable(tableName, [input.orderId]);

    await expect(invokeStep(confirmOrder, input)).resolves.toEqual({
      outcome: 'ALREADY_CONFIRMED',
    });

    expect(await snapshotTable(tableName, [input.orderId])).toEqual(afterOnce);
    expect(await eventsAbout(input.orderId)).toHaveLength(1);
  });
});

describe('CancelOrder announces OrderCancelled', () => {
  it('writes OrderCancelled with the cancellation reason', async () => {
    const input = await pendingOrder();

    await invokeStep(cancelOrder, { ...input, ...caught('OutOfStock') });

    const events = await eventsAbout(input.orderId);
    expect(events).toEqual([
      expect.objectContaining({
        eventType: 'OrderCancelled',
        orderId: input.orderId,
        userId: input.userId,
        cancellationReason: 'OUT_OF_STOCK',
      }),
    ]);
    expect(orderCancelledEventSchema.safeParse(events[0]).success).toBe(true);
  });

  it('writes one event however often it is invoked, leaving the table as it was', async () => {
    const input = await pendingOrder();
    await invokeStep(cancelOrder, { ...input, ...caught('PaymentDeclined') });
    const afterOnce = await snapshotTable(tableName, [input.orderId]);

    await invokeStep(cancelOrder, { ...input, ...caught('PaymentDeclined') });

    expect(await snapshotTable(tableName, [input.orderId])).toEqual(afterOnce);
    expect(await eventsAbout(input.orderId)).toEqual([
      expect.objectContaining({ cancellationReason: 'PAYMENT_DECLINED' }),
    ]);
  });

  it('writes OrderCancelled when a redrive finishes the undo of a COMPENSATION_FAILED order', async () => {
    const input = { ...(await pendingOrder()), ...caught('TransientError') };
    await invokeOnExecutionFailed(markCompensationFailed, input);

    await invokeStep(cancelOrder, input);

    // Each once; the outbox keeps no order between an order's events.
    expect((await eventsAbout(input.orderId)).map(({ eventType }) => eventType).sort()).toEqual([
      'OrderCancelled',
      'OrderCompensationFailed',
    ]);
  });
});

describe('MarkCompensationFailed announces OrderCompensationFailed', () => {
  it('writes OrderCompensationFailed once, also when invoked again', async () => {
    const input = { ...(await pendingOrder()), ...caught('TransientError') };

    await invokeOnExecutionFailed(markCompensationFailed, input);
    await invokeOnExecutionFailed(markCompensationFailed, input);

    const events = await eventsAbout(input.orderId);
    expect(events.map(({ eventType }) => eventType)).toEqual(['OrderCompensationFailed']);
    expect(orderCompensationFailedEventSchema.safeParse(events[0]).success).toBe(true);
  });
});
