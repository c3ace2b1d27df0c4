import {
  DescribeExecutionCommand,
  paginateListExecutions,
  SFNClient,
  StopExecutionCommand,
  type ExecutionStatus,
} from '@aws-sdk/client-sfn';
import { eventually } from '../../support/contract-checks';
import { api, type TestUser } from '../../support/http-client';
import { startPrivateStack, type PrivateStack, talkTo } from '../../support/private-stack';
import { PRIVATE_STACK_BASES } from '../../support/test-stack';
import {
  customerWith,
  freshSlot,
  notificationsUntil,
  orderWhenEnded,
  outsideState,
  productInStock,
  type Order,
  type Product,
  type SagaTrace,
  type Slot,
} from '../../support/shop-scenario';
import { newOrderId } from '../../../functions/orders/domain/order-id';
import { createOrderSagaExecutions } from '../../../functions/orders/order-saga-executions';
import { createOrdersRepository } from '../../../functions/orders/orders-repository';
import { executionArnOf } from '../../../functions/orders/saga-history';
import { createStuckOrderSweep } from '../../../functions/orders/stuck-order-sweep';

// API.md Operations: no order stays PENDING for ever. An order whose saga execution was stopped,
// or never started, is undone by the sweeper (an EventBridge schedule rule; locally
// embedded-stack/scheduler.ts) once PENDING past STUCK_ORDER_AFTER_SECONDS: CANCELLED with
// TECHNICAL_FAILURE, wallet, stock and slot as before. A stack of its own, whose sweeper runs
// every second with a deadline of 10 s, and whose saga retries in real time (a step that keeps
// failing keeps its execution RUNNING for seconds: the window in which the test stops it).
const BASE = PRIVATE_STACK_BASES.stuckOrders;
const STUCK_AFTER_SECONDS = 10;
// The deadline, a sweep, and the undo saga, on a shared 2-core machine.
const SWEPT_WITHIN_MS = 90_000;
jest.setTimeout(240_000);

let stack: PrivateStack | undefined;
let sfn: SFNClient;

beforeAll(async () => {
  const started = await startPrivateStack('stuck-orders', BASE, {
    STUCK_ORDER_AFTER_SECONDS: String(STUCK_AFTER_SECONDS),
    SHOP_SCHEDULE_PERIOD_SECONDS: '1',
    SHOP_SFN_TIME_SCALE: '1',
  });
  stack = started;
  talkTo(started);
  sfn = new SFNClient({
    endpoint: started.details.stepFunctionsUrl,
    region: started.details.region,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
}, 180_000);

afterAll(async () => {
  sfn.destroy();
  await stack?.stop();
});

const requireStack = (): PrivateStack => {
  if (!stack) throw new Error('The private stack did not start');
  return stack;
};

const sagaArn = (): string => {
  const [arn] = requireStack().details.stateMachineArns;
  if (!arn) throw new Error('The stack runs no state machine');
  return arn;
};

const ordersTable = (): string => {
  const name = requireStack().details.environment.ORDERS_TABLE_NAME;
  if (!name) throw new Error('The stack names no orders table');
  return name;
};

/** The status of the execution `name`, or NONE when the endpoint has none. */
async function executionStatus(name: string): Promise<ExecutionStatus | 'NONE'> {
  try {
    const { status } = await sfn.send(
      new DescribeExecutionCommand({ executionArn: executionArnOf(sagaArn(), name) }),
    );
    return status ?? 'NONE';
  } catch (error) {
    if (error instanceof Error && error.name === 'ExecutionDoesNotExist') return 'NONE';
    throw error;
  }
}

/** The names of the saga's executions for the order: its own, and any the sweepers started. */
async function executionsOf(orderId: string): Promise<string[]> {
  const names: string[] = [];
  for await (const page of paginateListExecutions({ client: sfn }, { stateMachineArn: sagaArn() }))
    for (const execution of page.executions ?? [])
      if (execution.name?.startsWith(orderId)) names.push(execution.name);
  return names.sort();
}

interface Scene {
  customer: TestUser;
  product: Product;
  slot: Slot;
  before: Awaited<ReturnType<typeof outsideState>>;
}

async function scene(): Promise<Scene> {
  const [customer, product, slot] = await Promise.all([
    customerWith(10_000),
    productInStock(700, 5),
    freshSlot(2),
  ]);
  return {
    customer,
    product,
    slot,
    before: await outsideState(customer, [product.productId], slot),
  };
}

/**
 * An order whose execution is stopped with the money held, the stock reserved and the slot
 * booked: CapturePayment keeps failing (and would send the saga down an undo that keeps failing
 * too), and the execution is stopped while CapturePayment is being retried.
 */
async function orderStoppedAtCapturePayment(scene: Scene): Promise<Order> {
  const placed = await api.post<Order>(
    '/orders',
    {
      items: [{ productId: scene.product.productId, quantity: 2 }],
      deliverySlotId: scene.slot.slotId,
    },
    {
      token: scene.customer.token,
      headers: { 'X-Fault-Injection': 'CapturePayment=error,CancelDelivery=error' },
    },
  );
  expect(placed.status).toBe(201);
  const { orderId } = placed.body;
  const trace = await eventually(
    () => api.get<SagaTrace>(`/orders/${orderId}/saga`, { token: scene.customer.token }),
    ({ body }) => body.steps.some((step) => step.state === 'CapturePayment'),
  );
  expect(trace.body.status).toBe('RUNNING');
  await sfn.send(new StopExecutionCommand({ executionArn: executionArnOf(sagaArn(), orderId) }));
  // Stopped while CapturePayment was still being retried: not ended on its own before the stop.
  expect(await executionStatus(orderId)).toBe('ABORTED');
  return placed.body;
}

async function expectUndoneAsTechnicalFailure(scene: Scene, orderId: string): Promise<void> {
  const order = await orderWhenEnded(scene.customer, orderId, SWEPT_WITHIN_MS);
  expect(order).toMatchObject({ status: 'CANCELLED', cancellationReason: 'TECHNICAL_FAILURE' });
  expect(await outsideState(scene.customer, [scene.product.productId], scene.slot)).toEqual(
    scene.before,
  );
  expect(await executionStatus(`${orderId}-sweep`)).toBe('SUCCEEDED');
  const notifications = await notificationsUntil(scene.customer, (items) =>
    items.some((item) => item.orderId === orderId && item.type === 'ORDER_CANCELLED'),
  );
  expect(notifications.filter((item) => item.orderId === orderId)).toEqual([
    expect.objectContaining({ type: 'ORDER_CANCELLED' }),
  ]);
}

describe('an order left PENDING with no running saga execution', () => {
  it('is undone by the sweeper when its execution was stopped: CANCELLED, TECHNICAL_FAILURE, everything restored', async () => {
    const arranged = await scene();
    const order = await orderStoppedAtCapturePayment(arranged);
    expect(
      (await outsideState(arranged.customer, [arranged.product.productId], arranged.slot)).wallet,
    ).not.toEqual(arranged.before.wallet);

    await expectUndoneAsTechnicalFailure(arranged, order.orderId);
  });

  it('is undone by the sweeper when its execution never started', async () => {
    const arranged = await scene();
    const orders = createOrdersRepository(ordersTable(), requireStack().dynamoDb);
    // What a placement that died between writing the order and starting its saga leaves.
    const order = await orders.createOrder({
      orderId: newOrderId(),
      userId: arranged.customer.userId,
      items: [
        {
          productId: arranged.product.productId,
          name: arranged.product.name,
          quantity: 1,
          unitPrice: 700,
          lineTotal: 700,
        },
      ],
      total: 700,
      currency: arranged.product.currency,
      deliverySlotId: arranged.slot.slotId,
    });
    expect(await executionStatus(order.orderId)).toBe('NONE');

    await expectUndoneAsTechnicalFailure(arranged, order.orderId);
    expect(await executionStatus(order.orderId)).toBe('NONE');
  });

  it('is undone once when two sweeps meet it at the same time', async () => {
    const arranged = await scene();
    const order = await orderStoppedAtCapturePayment(arranged);
    // Two sweeps at once, in this process against the stack's DynamoDB and Step Functions, with
    // no deadline: the stack's own sweeper (10 s) may join them.
    const sweep = createStuckOrderSweep({
      orders: createOrdersRepository(ordersTable(), requireStack().dynamoDb),
      executions: createOrderSagaExecutions(sagaArn(), sfn),
      stuckAfterSeconds: 0,
    });
    const reports = await Promise.all([sweep.sweep(new Date()), sweep.sweep(new Date())]);
    const meetings = reports.flatMap((report) => [
      ...report.swept.filter((id) => id === order.orderId).map(() => 'swept'),
      ...report.alreadySwept.filter((id) => id === order.orderId).map(() => 'alreadySwept'),
    ]);
    // Both found it PENDING with its execution stopped, and asked for the undo. A start repeated
    // while the first one runs on the same input is answered as started by Step Functions itself
    // (Standard workflows), so which of them "started" it says nothing: what counts is below.
    expect(meetings).toHaveLength(2);

    await expectUndoneAsTechnicalFailure(arranged, order.orderId);
    expect(await executionsOf(order.orderId)).toEqual([order.orderId, `${order.orderId}-sweep`]);
  });
});
