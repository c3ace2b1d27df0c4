import {
  DescribeExecutionCommand,
  ExecutionAlreadyExists,
  GetExecutionHistoryCommand,
  SFNClient,
  StartExecutionCommand,
  type DescribeExecutionCommandOutput,
  type HistoryEvent,
} from '@aws-sdk/client-sfn';
import type { OrderSagaInput } from '../../../functions/shared/order-saga-input';
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

async function historyOf(executionArn: string | undefined): Promise<HistoryEvent[]> {
  const events: HistoryEvent[] = [];
  let nextToken: string | undefined;
  do {
    const page = await sfn.send(
      new GetExecutionHistoryCommand({ executionArn, nextToken, maxResults: 100 }),
    );
    events.push(...(page.events ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  return events;
}

const pathOf = (events: HistoryEvent[]): string[] =>
  events.flatMap((event) =>
    event.stateEnteredEventDetails?.name ? [event.stateEnteredEventDetails.name] : [],
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

  it('cancels with NO_DELIVERY_SLOT when the slot is full, undoing stock and payment, wallet, stock and slot as before', async () => {
    const earlier = await arrangeOrder({ slotCapacity: 1 });
    expect((await runSaga(earlier)).status).toBe('SUCCEEDED');
    const input = await arrangeOrder({ deliverySlotId: earlier.deliverySlotId });
    const before = await sharedState(input);

    const execution = await runSaga(input);

    const history = await historyOf(execution.executionArn);
    expect(pathOf(history)).toEqual([
      'ReservePayment',
      'ReserveStock',
      'BookDelivery',
      'CancelDelivery',
      'ReleaseStock',
      'ReleasePayment',
      'CancelOrder',
      'OrderCancelled',
    ]);
    // A business error is caught at once, never retried.
    expect(lambdaFailures(history)).toEqual(['SlotUnavailable']);
    expect(execution.status).toBe('SUCCEEDED');
    expect(await orders.getOrder(input.orderId)).toMatchObject({
      status: 'CANCELLED',
      cancellationReason: 'NO_DELIVERY_SLOT',
    });
    expect(await sharedState(input)).toEqual(before);
  });

  it('cancels with PAYMENT_DECLINED when the wallet cannot pay, running only ReleasePayment and CancelOrder', async () => {
    const input = await arrangeOrder({ balance: 100 });
    const before = await sharedState(input);

    const execution = await runSaga(input);

    const history = await historyOf(execution.executionArn);
    expect(pathOf(history)).toEqual([
      'ReservePayment',
      'ReleasePayment',
      'CancelOrder',
      'OrderCancelled',
    ]);
    expect(lambdaFailures(history)).toEqual(['PaymentDeclined']);
    expect(await orders.getOrder(input.orderId)).toMatchObject({
      status: 'CANCELLED',
      cancellationReason: 'PAYMENT_DECLINED',
    });
    expect(await sharedState(input)).toEqual(before);
  });

  it('cancels with OUT_OF_STOCK when an item is short, reserving none of the items', async () => {
    const input = await arrangeOrder({ quantities: [1, 5], onHand: [10, 4] });
    const before = await sharedState(input);

    const execution = await runSaga(input);

    const history = await historyOf(execution.executionArn);
    expect(pathOf(history)).toEqual([
      'ReservePayment',
      'ReserveStock',
      'ReleaseStock',
      'ReleasePayment',
      'CancelOrder',
      'OrderCancelled',
    ]);
    expect(lambdaFailures(history)).toEqual(['OutOfStock']);
    expect(await orders.getOrder(input.orderId)).toMatchObject({
      status: 'CANCELLED',
      cancellationReason: 'OUT_OF_STOCK',
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
