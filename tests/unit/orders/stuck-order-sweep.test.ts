import { newOrder, type Order } from '../../../functions/orders/domain/order';
import type { SagaExecutionStatus } from '../../../functions/orders/domain/stuck-order';
import { createStuckOrderSweep } from '../../../functions/orders/stuck-order-sweep';
import type { OrderSagaInput } from '../../../contracts/order-saga';

const NOW = new Date('2030-01-01T01:00:00.000Z');

const orderPlacedAt = (orderId: string, createdAt: string): Order =>
  newOrder(
    {
      orderId,
      userId: 'u-1',
      items: [{ productId: 'p-1', name: 'Mug', quantity: 1, unitPrice: 500, lineTotal: 500 }],
      total: 500,
      currency: 'USD',
      deliverySlotId: 's-1',
    },
    createdAt,
  );

/**
 * The sweep over an orders table and a Step Functions in memory. `statuses`: each order's
 * execution; `changeOnReread`: what an order has become by the time it is read again.
 */
function setup(
  orders: Order[],
  statuses: Record<string, SagaExecutionStatus>,
  changeOnReread: Record<string, Order['status']> = {},
) {
  const queriedCutoffs: string[] = [];
  const started = new Map<string, OrderSagaInput>();
  const sweep = createStuckOrderSweep({
    stuckAfterSeconds: 120,
    orders: {
      async *pendingOrdersCreatedBefore(cutoff) {
        queriedCutoffs.push(cutoff);
        for (const order of orders) {
          if (order.status === 'PENDING' && order.createdAt <= cutoff) yield order;
        }
        await Promise.resolve();
      },
      getOrder: (orderId) => {
        const order = orders.find((candidate) => candidate.orderId === orderId);
        const status = changeOnReread[orderId];
        return Promise.resolve(order && status ? { ...order, status } : order);
      },
    },
    executions: {
      statusOf: (name) => Promise.resolve(statuses[name] ?? 'NONE'),
      start: (name, input) => {
        if (started.has(name)) return Promise.resolve('ALREADY_STARTED');
        started.set(name, input);
        return Promise.resolve('STARTED');
      },
    },
  });
  return { sweep, started, queriedCutoffs };
}

describe('the stuck-order sweep', () => {
  it('starts the undo saga of each PENDING order past the deadline whose execution is not running', async () => {
    const orders = ['o-none', 'o-aborted', 'o-timed-out', 'o-failed', 'o-running', 'o-done'].map(
      (id) => orderPlacedAt(id, '2030-01-01T00:00:00.000Z'),
    );
    const { sweep, started, queriedCutoffs } = setup(orders, {
      'o-aborted': 'ABORTED',
      'o-timed-out': 'TIMED_OUT',
      'o-failed': 'FAILED',
      'o-running': 'RUNNING',
      'o-done': 'SUCCEEDED',
    });

    const report = await sweep.sweep(NOW);

    expect(queriedCutoffs).toEqual(['2030-01-01T00:58:00.000Z']);
    expect(report).toEqual({
      examined: 6,
      swept: ['o-none', 'o-aborted', 'o-timed-out', 'o-failed'],
      alreadySwept: [],
      failed: [],
    });
    expect([...started.keys()]).toEqual([
      'o-none-sweep',
      'o-aborted-sweep',
      'o-timed-out-sweep',
      'o-failed-sweep',
    ]);
    expect(started.get('o-aborted-sweep')).toMatchObject({
      orderId: 'o-aborted',
      error: { Error: 'SagaNotRunning' },
    });
  });

  it('leaves an order younger than the deadline alone', async () => {
    const { sweep, started } = setup([orderPlacedAt('o-new', '2030-01-01T00:59:00.000Z')], {});
    expect((await sweep.sweep(NOW)).examined).toBe(0);
    expect(started.size).toBe(0);
  });

  it('leaves an order alone that ended between the query and the look at its execution', async () => {
    const { sweep, started } = setup(
      [orderPlacedAt('o-late', '2030-01-01T00:00:00.000Z')],
      { 'o-late': 'ABORTED' },
      { 'o-late': 'CONFIRMED' },
    );
    expect((await sweep.sweep(NOW)).swept).toEqual([]);
    expect(started.size).toBe(0);
  });

  it('starts one undo saga however many sweeps meet the order', async () => {
    const { sweep, started } = setup([orderPlacedAt('o-1', '2030-01-01T00:00:00.000Z')], {});
    const reports = await Promise.all([sweep.sweep(NOW), sweep.sweep(NOW)]);
    expect(reports.flatMap((report) => report.swept)).toEqual(['o-1']);
    expect(reports.flatMap((report) => report.alreadySwept)).toEqual(['o-1']);
    expect(started.size).toBe(1);
  });

  it('reports an order it could not look at and goes on with the others', async () => {
    const orders = ['o-1', 'o-2'].map((id) => orderPlacedAt(id, '2030-01-01T00:00:00.000Z'));
    const failing = createStuckOrderSweep({
      stuckAfterSeconds: 120,
      orders: {
        pendingOrdersCreatedBefore: async function* () {
          yield* orders;
          await Promise.resolve();
        },
        getOrder: (orderId) => Promise.resolve(orders.find((order) => order.orderId === orderId)),
      },
      executions: {
        statusOf: (name) =>
          name === 'o-1'
            ? Promise.reject(new Error('throttled'))
            : Promise.resolve<SagaExecutionStatus>('NONE'),
        start: () => Promise.resolve('STARTED'),
      },
    });
    expect(await failing.sweep(NOW)).toMatchObject({ swept: ['o-2'], failed: ['o-1'] });
  });
});
