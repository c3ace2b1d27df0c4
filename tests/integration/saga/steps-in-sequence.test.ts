import { handler as bookDelivery } from '../../../functions/delivery/handlers/book-delivery';
import { handler as cancelDelivery } from '../../../functions/delivery/handlers/cancel-delivery';
import { handler as releaseStock } from '../../../functions/inventory/handlers/release-stock';
import { handler as reserveStock } from '../../../functions/inventory/handlers/reserve-stock';
import { handler as cancelOrder } from '../../../functions/orders/handlers/cancel-order';
import { handler as confirmOrder } from '../../../functions/orders/handlers/confirm-order';
import { handler as capturePayment } from '../../../functions/payments/handlers/capture-payment';
import { handler as releasePayment } from '../../../functions/payments/handlers/release-payment';
import { handler as reservePayment } from '../../../functions/payments/handlers/reserve-payment';
import type { OrderSagaInput } from '../../../contracts/order-saga';
import { invokeStep, type SagaHandler } from '../../support/lambda-context';
import {
  arrangeOrder,
  delivery,
  inventory,
  orders,
  payments,
  sharedState,
} from '../../support/order-fixtures';

// The saga's Task handlers called in the order the state machine calls them,
// passing the whole input as it does: what each end leaves behind (API.md).
const run = (steps: SagaHandler[], input: OrderSagaInput) =>
  steps.reduce<Promise<unknown>>(
    (previous, step) => previous.then(() => invokeStep(step, input)),
    Promise.resolve(),
  );

const placedOrder = () => arrangeOrder({ quantities: [2, 1], unitPrices: [500, 300] });

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
    await invokeStep(reservePayment, input);

    const error = await invokeStep(reserveStock, input).catch((caught: unknown) => caught);
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
