import {
  DescribeExecutionCommand,
  ExecutionAlreadyExists,
  SFNClient,
  StartExecutionCommand,
  type DescribeExecutionCommandOutput,
  type HistoryEvent,
} from '@aws-sdk/client-sfn';
import { createSagaHistoryReader } from '../../../functions/orders/saga-history';
import type { OrderSagaInput } from '../../../contracts/order-saga';
import {
  arrangeOrder,
  delivery,
  inventory,
  orders,
  payments,
  sharedState,
} from '../../support/order-fixtures';
import { requiredEnv } from '../../support/saga-fixtures';

// The real ASL file, run by the embedded Step Functions endpoint and driven through the AWS SDK
// exactly as the orders context drives it on AWS, with the real handlers and DynamoDB Local.
const sfn = new SFNClient({});
const stateMachineArn = requiredEnv('ORDER_SAGA_STATE_MACHINE_ARN');

async function runSaga(input: OrderSagaInput): Promise<DescribeExecutionCommandOutput> {
  const { executionArn } = await sfn.send(
    new StartExecutionCommand({
      stateMachineArn,
      name: input.orderId,
      input: JSON.stringify(input),
    }),
  );
  const deadline = Date.now() + 20_000;
  for (;;) {
    const execution = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    if (execution.status !== 'RUNNING') return execution;
    if (Date.now() > deadline) throw new Error(`${input.orderId} still RUNNING after 20 s`);
    await new Promise((resolveDelay) => setTimeout(resolveDelay, 50));
  }
}

const historyOf = (executionArn: string | undefined): Promise<HistoryEvent[]> =>
  createSagaHistoryReader(sfn)(executionArn ?? '');

// The steps and ends the execution went through. Choices only route (the sweeper's NewOrStuck
// comes first in every execution; API.md: "more states may sit between them (choices, …)").
const pathOf = (events: HistoryEvent[]): string[] =>
  events.flatMap((event) =>
    event.stateEnteredEventDetails?.name && event.type !== 'ChoiceStateEntered'
      ? [event.stateEnteredEventDetails.name]
      : [],
  );

const lambdaFailures = (events: HistoryEvent[]) =>
  events.flatMap((event) =>
    event.type === 'LambdaFunctionFailed' ? [event.lambdaFunctionFailedEventDetails?.error] : [],
  );

describe('the order saga through the Step Functions API', () => {
  it('confirms an order: money captured, units reserved, one place booked, SUCCEEDED', async () => {
    const input = await arrangeOrder({
      quantities: [2, 1],
      unitPrices: [500, 300],
      balance: 10_000,
    });
    const [first, second] = input.items.map((item) => item.productId);

    const execution = await runSaga(input);

    expect(execution.status).toBe('SUCCEEDED');
    expect(pathOf(await historyOf(execution.executionArn))).toEqual([
      'ReservePayment',
      'ReserveStock',
      'BookDelivery',
      'CapturePayment',
      'ConfirmOrder',
      'OrderConfirmed',
    ]);
    expect(await orders.getOrder(input.orderId)).toMatchObject({ status: 'CONFIRMED' });
    expect(await payments.getWallet(input.userId)).toMatchObject({
      balance: 8_700,
      held: 0,
      available: 8_700,
    });
    expect(await inventory.getStock(first ?? '')).toMatchObject({
      onHand: 10,
      reserved: 2,
      available: 8,
    });
    expect(await inventory.getStock(second ?? '')).toMatchObject({
      onHand: 10,
      reserved: 1,
      available: 9,
    });
    expect(await delivery.getSlot(input.deliverySlotId)).toMatchObject({ capacity: 2, booked: 1 });
  });

  // A business error is caught at once, never retried; the execution itself succeeds (the saga
  // did its job), and wallet, stock and slot are as before the order.
  it.each([
    {
      reason: 'NO_DELIVERY_SLOT',
      when: 'the slot is full, undoing stock and payment',
      arrange: async () => {
        const earlier = await arrangeOrder({ slotCapacity: 1 });
        expect((await runSaga(earlier)).status).toBe('SUCCEEDED');
        return arrangeOrder({ deliverySlotId: earlier.deliverySlotId });
      },
      error: 'SlotUnavailable',
      path: ['ReservePayment', 'ReserveStock', 'BookDelivery', 'CancelDelivery', 'ReleaseStock'],
    },
    {
      reason: 'PAYMENT_DECLINED',
      when: 'the wallet cannot pay, running only ReleasePayment and CancelOrder',
      arrange: () => arrangeOrder({ balance: 100 }),
      error: 'PaymentDeclined',
      path: ['ReservePayment'],
    },
    {
      reason: 'OUT_OF_STOCK',
      when: 'an item is short, reserving none of the items',
      arrange: () => arrangeOrder({ quantities: [1, 5], onHand: [10, 4] }),
      error: 'OutOfStock',
      path: ['ReservePayment', 'ReserveStock', 'ReleaseStock'],
    },
  ])('cancels with $reason when $when', async ({ reason, arrange, error, path }) => {
    const input = await arrange();
    const before = await sharedState(input);

    const execution = await runSaga(input);

    const history = await historyOf(execution.executionArn);
    expect(pathOf(history)).toEqual([...path, 'ReleasePayment', 'CancelOrder', 'OrderCancelled']);
    expect(lambdaFailures(history)).toEqual([error]);
    expect(execution.status).toBe('SUCCEEDED');
    expect(await orders.getOrder(input.orderId)).toMatchObject({
      status: 'CANCELLED',
      cancellationReason: reason,
    });
    expect(await sharedState(input)).toEqual(before);
  });

  it('refuses a second start of the same order with other input: the execution name is the order id', async () => {
    const input = await arrangeOrder();
    await runSaga(input);

    await expect(
      sfn.send(
        new StartExecutionCommand({
          stateMachineArn,
          name: input.orderId,
          input: JSON.stringify({ ...input, total: input.total + 1 }),
        }),
      ),
    ).rejects.toBeInstanceOf(ExecutionAlreadyExists);
  });
});
