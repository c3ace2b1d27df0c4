import { DescribeExecutionCommand, SFNClient } from '@aws-sdk/client-sfn';
import { newOrderId } from '../../../functions/orders/domain/order-id';
import {
  createOrderPlacement,
  type OrderPlacementDependencies,
} from '../../../functions/orders/order-placement';
import { createOrderSagaStarter } from '../../../functions/orders/order-saga-starter';
import { createOrdersRepository } from '../../../functions/orders/orders-repository';
import { arrangeOrder, payments } from '../../support/order-fixtures';
import { outboxEvents } from '../../support/outbox';
import { requiredEnv, uniqueId } from '../../support/saga-fixtures';

// Placing an order against the real orders table and the embedded Step Functions endpoint; the
// catalog and the delivery context are stood in for (their functions are exercised end to end).
const ordersTable = requiredEnv('ORDERS_TABLE_NAME');
const orders = createOrdersRepository(ordersTable);
const stateMachineArn = requiredEnv('ORDER_SAGA_STATE_MACHINE_ARN');
const startSaga = createOrderSagaStarter(stateMachineArn);
const sfn = new SFNClient({});

const placementWith = (overrides: Partial<OrderPlacementDependencies> = {}) => {
  const productId = uniqueId('product');
  const placement = createOrderPlacement({
    quoteProducts: () => Promise.resolve([{ productId, name: 'Mug', price: 450, currency: 'USD' }]),
    slotExists: () => Promise.resolve(true),
    orders,
    startSaga,
    newOrderId: () => newOrderId(),
    currency: 'USD',
    ...overrides,
  });
  const request = { items: [{ productId, quantity: 2 }], deliverySlotId: uniqueId('slot') };
  return { placement, request };
};

async function executionEnd(orderId: string): Promise<string | undefined> {
  const executionArn = `${stateMachineArn.replace(':stateMachine:', ':execution:')}:${orderId}`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    const { status } = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    if (status !== 'RUNNING' || Date.now() > deadline) return status;
    await new Promise((resolveDelay) => setTimeout(resolveDelay, 50));
  }
}

describe('placing an order', () => {
  it('writes the order PENDING and starts the saga execution named by its id', async () => {
    const { placement, request } = placementWith();
    const userId = uniqueId('user');

    const order = await placement.place(userId, request);

    expect(order).toMatchObject({ userId, status: 'PENDING', total: 900 });
    // This user has no wallet: the saga runs and cancels the order as PAYMENT_DECLINED.
    expect(await executionEnd(order.orderId)).toBe('SUCCEEDED');
    expect(await orders.getOrder(order.orderId)).toMatchObject({
      status: 'CANCELLED',
      cancellationReason: 'PAYMENT_DECLINED',
    });
  });

  it('cancels the order as TECHNICAL_FAILURE when its saga cannot be started, and fails', async () => {
    const { placement, request } = placementWith({
      startSaga: () =>
        Promise.reject(Object.assign(new Error('no route to host'), { name: 'TimeoutError' })),
    });
    const userId = uniqueId('user');

    await expect(placement.place(userId, request)).rejects.toMatchObject({
      name: 'SagaNotStarted',
    });

    const [order] = await orders.listOrdersByUser(userId);
    expect(order).toMatchObject({ status: 'CANCELLED', cancellationReason: 'TECHNICAL_FAILURE' });
    expect(await outboxEvents(ordersTable, { orderId: order?.orderId })).toEqual([
      expect.objectContaining({ eventType: 'OrderCancelled', orderId: order?.orderId }),
    ]);
  });
});

describe('starting the saga of an order', () => {
  it('takes a repeated start of the same order as started, and runs the saga once', async () => {
    const input = await arrangeOrder({ balance: 10_000 });

    await startSaga(input);
    await startSaga(input);
    expect(await executionEnd(input.orderId)).toBe('SUCCEEDED');
    await startSaga(input);

    expect(await orders.getOrder(input.orderId)).toMatchObject({ status: 'CONFIRMED' });
    expect(await payments.getWallet(input.userId)).toMatchObject({
      balance: 10_000 - input.total,
      held: 0,
    });
  });
});
