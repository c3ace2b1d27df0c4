import { handler as bookDelivery } from '../../../functions/delivery/book-delivery';
import { handler as cancelDelivery } from '../../../functions/delivery/cancel-delivery';
import { createDeliveryRepository } from '../../../functions/delivery/delivery-repository';
import { createInventoryRepository } from '../../../functions/inventory/inventory-repository';
import { handler as releaseStock } from '../../../functions/inventory/release-stock';
import { handler as reserveStock } from '../../../functions/inventory/reserve-stock';
import { handler as cancelOrder } from '../../../functions/orders/cancel-order';
import { handler as confirmOrder } from '../../../functions/orders/confirm-order';
import { createOrdersRepository } from '../../../functions/orders/orders-repository';
import { handler as capturePayment } from '../../../functions/payments/capture-payment';
import { createPaymentsRepository } from '../../../functions/payments/payments-repository';
import { handler as releasePayment } from '../../../functions/payments/release-payment';
import { handler as reservePayment } from '../../../functions/payments/reserve-payment';
import type { OrderSagaInput } from '../../../functions/shared/order-saga-input';
import { lambdaContext, type SagaHandler } from '../../support/lambda-context';
import { requiredEnv, sagaInput, uniqueId } from '../../support/saga-fixtures';
import { snapshotTable } from '../../support/table-snapshot';

// The saga's Task handlers called in the order the state machine calls them,
// passing the whole input as it does: what each end leaves behind (API.md).
const tables = {
  payments: requiredEnv('PAYMENTS_TABLE_NAME'),
  inventory: requiredEnv('INVENTORY_TABLE_NAME'),
  delivery: requiredEnv('DELIVERY_TABLE_NAME'),
  orders: requiredEnv('ORDERS_TABLE_NAME'),
};
const payments = createPaymentsRepository(tables.payments);
const inventory = createInventoryRepository(tables.inventory);
const delivery = createDeliveryRepository(tables.delivery);
const orders = createOrdersRepository(tables.orders);

const run = (steps: SagaHandler[], input: OrderSagaInput) =>
  steps.reduce<Promise<unknown>>(
    (previous, step) => previous.then(() => step(input, lambdaContext())),
    Promise.resolve(),
  );

const placedOrder = async () => {
  const slot = await delivery.createSlot({
    start: '2093-06-01T09:00:00Z',
    end: '2093-06-01T11:00:00Z',
    capacity: 2,
  });
  const productIds = [uniqueId('product'), uniqueId('product')];
  await inventory.setOnHand(productIds[0] ?? '', 10);
  await inventory.setOnHand(productIds[1] ?? '', 10);
  const input = sagaInput({
    items: [
      { productId: productIds[0] ?? '', quantity: 2 },
      { productId: productIds[1] ?? '', quantity: 1 },
    ],
    total: 2 * 500 + 300,
    deliverySlotId: slot.slotId,
  });
  await payments.openWallet(input.userId);
  await payments.deposit(input.userId, 10_000);
  await orders.createOrder({
    orderId: input.orderId,
    userId: input.userId,
    items: [
      { productId: productIds[0] ?? '', name: 'A', quantity: 2, unitPrice: 500, lineTotal: 1000 },
      { productId: productIds[1] ?? '', name: 'B', quantity: 1, unitPrice: 300, lineTotal: 300 },
    ],
    total: input.total,
    currency: input.currency,
    deliverySlotId: input.deliverySlotId,
  });
  return input;
};

/** The wallet, the stock levels and the slot: what an order may change. */
const sharedState = async (input: OrderSagaInput) => {
  const ids = [input.userId, input.deliverySlotId, ...input.items.map((item) => item.productId)];
  const [wallet, stock, slot] = await Promise.all([
    snapshotTable(tables.payments, ids),
    snapshotTable(tables.inventory, ids),
    snapshotTable(tables.delivery, ids),
  ]);
  return [
    ...wallet.filter((item) => item.sk === 'WALLET'),
    ...stock.filter((item) => item.sk === 'STOCK'),
    ...slot.filter((item) => item.sk === 'SLOT'),
  ];
};

const forward = [reservePayment, reserveStock, bookDelivery, capturePayment, confirmOrder];
const undo = [cancelDelivery, releaseStock, releasePayment, cancelOrder];

describe('the saga steps in sequence', () => {
  it('confirm the order: balance lower by the total, units reserved, one place booked', async () => {
    const input = await placedOrder();

    await run(forward, input);

    expect(await orders.getOrder(input.orderId)).toMatchObject({ status: 'CONFIRMED' });
    expect(await payments.getWallet(input.userId)).toMatchObject({
      balance: 10_000 - 1300,
      held: 0,
      available: 10_000 - 1300,
    });
    expect(await inventory.getStock(input.items[0]?.productId ?? '')).toMatchObject({
      onHand: 10,
      reserved: 2,
      available: 8,
    });
    expect(await delivery.getSlot(input.deliverySlotId)).toMatchObject({ booked: 1 });
  });

  it('leave wallet, stock and slot exactly as before when ConfirmOrder fails and every undo runs', async () => {
    const input = await placedOrder();
    const before = await sharedState(input);
    await run(forward, input);

    await run(undo, { ...input, error: { Error: 'TransientError', Cause: 'confirm failed' } });

    expect(await sharedState(input)).toEqual(before);
    expect(await orders.getOrder(input.orderId)).toMatchObject({
      status: 'CANCELLED',
      cancellationReason: 'TECHNICAL_FAILURE',
    });
  });

  it('leave everything as before when stock runs out, cancelling with OUT_OF_STOCK', async () => {
    const input = await placedOrder();
    await inventory.setOnHand(input.items[1]?.productId ?? '', 0);
    const before = await sharedState(input);
    await reservePayment(input, lambdaContext());

    const error = await reserveStock(input, lambdaContext()).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: 'OutOfStock' });
    await run([releaseStock, releasePayment, cancelOrder], {
      ...input,
      error: { Error: (error as Error).name, Cause: (error as Error).message },
    });

    expect(await sharedState(input)).toEqual(before);
    expect(await orders.getOrder(input.orderId)).toMatchObject({
      status: 'CANCELLED',
      cancellationReason: 'OUT_OF_STOCK',
    });
  });
});
