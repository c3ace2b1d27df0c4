import { handler as cancelOrder } from '../../../functions/orders/handlers/cancel-order';
import { handler as confirmOrder } from '../../../functions/orders/handlers/confirm-order';
import type { NewOrder } from '../../../functions/orders/domain/order';
import { handler as markCompensationFailed } from '../../../functions/orders/handlers/mark-compensation-failed';
import { createOrdersRepository } from '../../../functions/orders/orders-repository';
import type { OrderSagaInput } from '../../../contracts/order-saga';
import {
  executionFailedEvent,
  invokeOnExecutionFailed,
  invokeStep,
  lambdaContext,
  type SagaHandler,
} from '../../support/lambda-context';
import { requiredEnv, sagaInput, uniqueId } from '../../support/saga-fixtures';
import { snapshotTable } from '../../support/table-snapshot';

const tableName = requiredEnv('ORDERS_TABLE_NAME');
const orders = createOrdersRepository(tableName);

const caught = (Error: string) => ({ error: { Error, Cause: `${Error} happened` } });

/** A PENDING order and the saga input that goes with it. */
const pendingOrder = async () => {
  const input = sagaInput({
    items: [
      { productId: uniqueId('product'), quantity: 2 },
      { productId: uniqueId('product'), quantity: 1 },
    ],
    total: 2 * 1250 + 990,
  });
  const order: NewOrder = {
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
      {
        productId: input.items[1]?.productId ?? '',
        name: 'Tea',
        quantity: 1,
        unitPrice: 990,
        lineTotal: 990,
      },
    ],
    total: input.total,
    currency: input.currency,
    deliverySlotId: input.deliverySlotId,
  };
  await orders.createOrder(order);
  return input;
};

const snapshot = (input: OrderSagaInput) => snapshotTable(tableName, [input.orderId]);

const expectIdempotent = async (step: SagaHandler, input: OrderSagaInput) => {
  await invokeStep(step, input);
  const afterOnce = await snapshot(input);
  await expect(invokeStep(step, input)).resolves.toBeDefined();
  expect(await snapshot(input)).toEqual(afterOnce);
};

describe('ConfirmOrder', () => {
  it('moves a PENDING order to CONFIRMED', async () => {
    const input = await pendingOrder();

    await expect(invokeStep(confirmOrder, input)).resolves.toEqual({ outcome: 'CONFIRMED' });

    const order = await orders.getOrder(input.orderId);
    expect(order).toMatchObject({ status: 'CONFIRMED' });
    expect(order?.cancellationReason).toBeUndefined();
  });

  it('confirms once when invoked twice, keeping updatedAt', async () => {
    const input = await pendingOrder();

    await expectIdempotent(confirmOrder, input);
  });

  it('refuses with InvalidOrderTransition to confirm a cancelled order', async () => {
    const input = await pendingOrder();
    await invokeStep(cancelOrder, { ...input, ...caught('OutOfStock') });
    const before = await snapshot(input);

    await expect(invokeStep(confirmOrder, input)).rejects.toMatchObject({
      name: 'InvalidOrderTransition',
    });

    expect(await snapshot(input)).toEqual(before);
  });

  it('fails with NotFound when the order does not exist', async () => {
    await expect(invokeStep(confirmOrder, sagaInput())).rejects.toMatchObject({ name: 'NotFound' });
  });
});

describe('CancelOrder', () => {
  it.each([
    ['PaymentDeclined', 'PAYMENT_DECLINED'],
    ['OutOfStock', 'OUT_OF_STOCK'],
    ['SlotUnavailable', 'NO_DELIVERY_SLOT'],
    ['TransientError', 'TECHNICAL_FAILURE'],
    ['States.Timeout', 'TECHNICAL_FAILURE'],
  ])('cancels with the reason for a caught %s: %s', async (errorName, reason) => {
    const input = await pendingOrder();

    await expect(invokeStep(cancelOrder, { ...input, ...caught(errorName) })).resolves.toEqual({
      outcome: 'CANCELLED',
    });

    expect(await orders.getOrder(input.orderId)).toMatchObject({
      status: 'CANCELLED',
      cancellationReason: reason,
    });
  });

  it('cancels with TECHNICAL_FAILURE when the input carries no error', async () => {
    const input = await pendingOrder();

    await invokeStep(cancelOrder, input);

    expect(await orders.getOrder(input.orderId)).toMatchObject({
      status: 'CANCELLED',
      cancellationReason: 'TECHNICAL_FAILURE',
    });
  });

  it('cancels an order that ConfirmOrder had already confirmed before it failed', async () => {
    const input = await pendingOrder();
    await invokeStep(confirmOrder, input);

    await invokeStep(cancelOrder, { ...input, ...caught('TransientError') });

    expect(await orders.getOrder(input.orderId)).toMatchObject({
      status: 'CANCELLED',
      cancellationReason: 'TECHNICAL_FAILURE',
    });
  });

  it('cancels once when invoked twice, keeping reason and updatedAt', async () => {
    const input = { ...(await pendingOrder()), ...caught('PaymentDeclined') };

    await expectIdempotent(cancelOrder, input);
  });
});

describe('MarkCompensationFailed', () => {
  it('moves the order to COMPENSATION_FAILED', async () => {
    const input = await pendingOrder();

    await expect(
      invokeOnExecutionFailed(markCompensationFailed, { ...input, ...caught('TransientError') }),
    ).resolves.toEqual({ outcome: 'COMPENSATION_FAILED' });

    expect(await orders.getOrder(input.orderId)).toMatchObject({ status: 'COMPENSATION_FAILED' });
  });

  it('marks once when invoked twice', async () => {
    const input = await pendingOrder();
    await invokeOnExecutionFailed(markCompensationFailed, input);
    const once = await snapshot(input);

    await expect(invokeOnExecutionFailed(markCompensationFailed, input)).resolves.toEqual({
      outcome: 'ALREADY_COMPENSATION_FAILED',
    });

    expect(await snapshot(input)).toEqual(once);
  });

  it('ignores an execution that ended any other way', async () => {
    const input = await pendingOrder();
    const event = executionFailedEvent(input.orderId);

    await expect(
      markCompensationFailed(
        { ...event, detail: { ...event.detail, status: 'ABORTED' } },
        lambdaContext(),
      ),
    ).resolves.toEqual({ outcome: 'IGNORED' });

    expect(await orders.getOrder(input.orderId)).toMatchObject({ status: 'PENDING' });
  });

  it('is ended CANCELLED by the CancelOrder of a redrive that finished the undo', async () => {
    const input = { ...(await pendingOrder()), ...caught('TransientError') };
    await invokeOnExecutionFailed(markCompensationFailed, input);

    await expect(invokeStep(cancelOrder, input)).resolves.toEqual({ outcome: 'CANCELLED' });

    expect(await orders.getOrder(input.orderId)).toMatchObject({
      status: 'CANCELLED',
      cancellationReason: 'TECHNICAL_FAILURE',
    });
  });
});

describe('orders repository', () => {
  it('stores a new order as PENDING with the contract attributes', async () => {
    const input = await pendingOrder();

    const order = await orders.getOrder(input.orderId);

    expect(order).toEqual({
      orderId: input.orderId,
      userId: input.userId,
      status: 'PENDING',
      items: [
        expect.objectContaining({ quantity: 2, unitPrice: 1250, lineTotal: 2500 }),
        expect.objectContaining({ quantity: 1, unitPrice: 990, lineTotal: 990 }),
      ],
      total: 3490,
      currency: input.currency,
      deliverySlotId: input.deliverySlotId,
      createdAt: order?.createdAt,
      updatedAt: order?.createdAt,
    });
    expect(Date.parse(order?.createdAt ?? '')).not.toBeNaN();
    expect(await orders.listOrdersByUser(input.userId)).toEqual([order]);
  });

  it('refuses with Conflict a second order with the same orderId', async () => {
    const input = await pendingOrder();
    const existing = await orders.getOrder(input.orderId);
    if (!existing) throw new Error('order missing');

    await expect(orders.createOrder(existing)).rejects.toMatchObject({ name: 'Conflict' });
  });
});
