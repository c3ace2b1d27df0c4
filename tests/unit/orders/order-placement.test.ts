import {
  newOrder,
  orderFingerprint,
  orderStatusEvent,
  type NewOrder,
  type Order,
  type OrderStatusEvent,
  type TransitionPlan,
} from '../../../functions/orders/domain/order';
import {
  createOrderPlacement,
  type OrderPlacementDependencies,
} from '../../../functions/orders/order-placement';
import type { FingerprintClaim } from '../../../functions/orders/orders-repository';
import type { OrderSagaInput } from '../../../contracts/order-saga';
import { Conflict } from '../../../functions/lib/errors';

const quotes = [
  { productId: 'p-1', name: 'Mug', price: 1250, currency: 'USD' },
  { productId: 'p-2', name: 'Tea', price: 990, currency: 'USD' },
];

const request = {
  items: [
    { productId: 'p-1', quantity: 2 },
    { productId: 'p-2', quantity: 1 },
  ],
  deliverySlotId: 's-1',
};

/**
 * The orders table, in memory, applying the same plans as the repository; a change to an end
 * writes its event to the outbox (`published`), as the repository's transaction does.
 */
function memoryOrders() {
  const stored = new Map<string, Order>();
  const published: OrderStatusEvent[] = [];
  let clock = Date.parse('2030-01-01T00:00:00.000Z');
  const now = () => new Date((clock += 1000)).toISOString();
  return {
    stored,
    published,
    releaseFingerprint: jest.fn(() => Promise.resolve()),
    getOrder: jest.fn((orderId: string) => Promise.resolve(stored.get(orderId))),
    // As the repository's conditional put: an id is never written twice.
    createOrder: jest.fn((order: NewOrder, _claim?: FingerprintClaim) => {
      if (stored.has(order.orderId)) {
        return Promise.reject(new Conflict(`Order ${order.orderId} already exists`));
      }
      const created = newOrder(order, now());
      stored.set(created.orderId, created);
      return Promise.resolve(created);
    }),
    transition: jest.fn(
      (_operation: string, orderId: string, plan: (o: Order) => TransitionPlan) => {
        const order = stored.get(orderId);
        if (!order) return Promise.reject(new Error('no such order'));
        const planned = plan(order);
        if (planned.action === 'NONE') return Promise.resolve({ outcome: planned.outcome, order });
        const changed: Order = {
          ...order,
          status: planned.to,
          updatedAt: now(),
          ...(planned.cancellationReason ? { cancellationReason: planned.cancellationReason } : {}),
        };
        stored.set(orderId, changed);
        const event = orderStatusEvent(changed);
        if (event) published.push(event);
        return Promise.resolve({ outcome: planned.to, order: changed });
      },
    ),
  };
}

function setup(overrides: Partial<OrderPlacementDependencies> = {}) {
  const orders = memoryOrders();
  const started: OrderSagaInput[] = [];
  const deps: OrderPlacementDependencies = {
    quoteProducts: (productIds) =>
      Promise.resolve(quotes.filter((quote) => productIds.includes(quote.productId))),
    slotExists: (slotId) => Promise.resolve(slotId === 's-1'),
    orders,
    startSaga: (input) => {
      started.push(input);
      return Promise.resolve();
    },
    newOrderId: () => 'order-1',
    currency: 'USD',
    ...overrides,
  };
  return { placement: createOrderPlacement(deps), orders, started, published: orders.published };
}

const failing = (name: string) => () =>
  Promise.reject(Object.assign(new Error(`${name} happened`), { name }));

describe('placing an order', () => {
  it('writes the order PENDING at the catalog prices and starts its saga', async () => {
    const { placement, orders, started, published } = setup();

    const order = await placement.place('user-1', request);

    expect(order).toMatchObject({
      orderId: 'order-1',
      userId: 'user-1',
      status: 'PENDING',
      items: [
        { productId: 'p-1', name: 'Mug', quantity: 2, unitPrice: 1250, lineTotal: 2500 },
        { productId: 'p-2', name: 'Tea', quantity: 1, unitPrice: 990, lineTotal: 990 },
      ],
      total: 3490,
      currency: 'USD',
      deliverySlotId: 's-1',
    });
    expect(orders.stored.get('order-1')).toEqual(order);
    expect(started).toEqual([
      {
        orderId: 'order-1',
        userId: 'user-1',
        items: request.items,
        total: 3490,
        currency: 'USD',
        deliverySlotId: 's-1',
      },
    ]);
    expect(published).toEqual([]);
  });

  it('refuses with UnknownProduct and writes nothing when the catalog lacks a product', async () => {
    const { placement, orders, started } = setup();

    await expect(
      placement.place('user-1', {
        ...request,
        items: [...request.items, { productId: 'p-404', quantity: 1 }],
      }),
    ).rejects.toMatchObject({ name: 'UnknownProduct', details: { productIds: ['p-404'] } });

    expect(orders.stored.size).toBe(0);
    expect(started).toEqual([]);
  });

  it('refuses with UnknownSlot and writes nothing when the slot does not exist', async () => {
    const { placement, orders, started } = setup();

    await expect(
      placement.place('user-1', { ...request, deliverySlotId: 's-404' }),
    ).rejects.toMatchObject({ name: 'UnknownSlot' });

    expect(orders.stored.size).toBe(0);
    expect(started).toEqual([]);
  });

  it('writes nothing when the catalog cannot be asked', async () => {
    const { placement, orders } = setup({ quoteProducts: failing('ServiceException') });

    await expect(placement.place('user-1', request)).rejects.toMatchObject({
      name: 'ServiceException',
    });

    expect(orders.stored.size).toBe(0);
  });
});

describe('placing an order whose saga cannot be started', () => {
  it('cancels the order as TECHNICAL_FAILURE, announces it, and fails with SagaNotStarted', async () => {
    const { placement, orders, published } = setup({ startSaga: failing('ServiceUnavailable') });

    await expect(placement.place('user-1', request)).rejects.toMatchObject({
      name: 'SagaNotStarted',
    });

    const order = orders.stored.get('order-1');
    expect(order).toMatchObject({ status: 'CANCELLED', cancellationReason: 'TECHNICAL_FAILURE' });
    expect(published).toEqual([
      {
        eventType: 'OrderCancelled',
        orderId: 'order-1',
        userId: 'user-1',
        cancellationReason: 'TECHNICAL_FAILURE',
        total: 3490,
        currency: 'USD',
        occurredAt: order?.updatedAt,
      },
    ]);
  });

  it('answers the order as it stands when an execution did start and has already ended', async () => {
    const setupResult = setup({
      startSaga: (input) => {
        // The start reached Step Functions, the saga ran to its end, but the answer was lost.
        const order = setupResult.orders.stored.get(input.orderId);
        if (order) setupResult.orders.stored.set(input.orderId, { ...order, status: 'CONFIRMED' });
        return failing('TimeoutError')();
      },
    });

    await expect(setupResult.placement.place('user-1', request)).resolves.toMatchObject({
      orderId: 'order-1',
      status: 'CONFIRMED',
    });
    expect(setupResult.published).toEqual([]);
  });

  it('fails with the storage error, not SagaNotStarted, when the order cannot be cancelled either', async () => {
    const { placement, orders } = setup({ startSaga: failing('ServiceUnavailable') });
    orders.transition.mockImplementation(failing('ProvisionedThroughputExceededException'));

    await expect(placement.place('user-1', request)).rejects.toMatchObject({
      name: 'ProvisionedThroughputExceededException',
    });
  });
});

describe('placing an order with the DUPLICATE_ORDER window on', () => {
  const fingerprint = orderFingerprint('user-1', request.items, 's-1');

  it('writes the order claiming the fingerprint of its user, items and slot until the window ends, refusing a live holder', async () => {
    const { placement, orders } = setup({ duplicateWindowSeconds: 300 });
    const before = Math.floor(Date.now() / 1000);

    await placement.place('user-1', request);

    const claim = orders.createOrder.mock.calls[0]?.[1];
    expect(claim).toEqual({
      fingerprint,
      expiresAt: expect.any(Number) as unknown,
      whenHeld: 'refuse',
    });
    expect(claim?.expiresAt).toBeGreaterThanOrEqual(before + 300);
    expect(claim?.expiresAt).toBeLessThanOrEqual(Math.ceil(Date.now() / 1000) + 300);
  });

  it('places an order with an Idempotency-Key even when a live order holds the fingerprint', async () => {
    const { placement, orders } = setup({ duplicateWindowSeconds: 300 });

    await placement.place('user-1', request, { idempotent: true });

    expect(orders.createOrder.mock.calls[0]?.[1]).toMatchObject({
      fingerprint,
      whenHeld: 'placeAnyway',
    });
  });

  it('claims nothing when the window is 0', async () => {
    const { placement, orders } = setup({ duplicateWindowSeconds: 0 });

    await placement.place('user-1', request);

    expect(orders.createOrder.mock.calls[0]?.[1]).toBeUndefined();
  });

  it('releases the fingerprint of an order it cancels because its saga could not start', async () => {
    const { placement, orders } = setup({
      duplicateWindowSeconds: 300,
      startSaga: failing('ServiceUnavailable'),
    });

    await expect(placement.place('user-1', request)).rejects.toMatchObject({
      name: 'SagaNotStarted',
    });

    expect(orders.releaseFingerprint).toHaveBeenCalledWith(
      expect.objectContaining({ orderId: 'order-1', status: 'CANCELLED' }),
      fingerprint,
    );
  });

  it('still fails with SagaNotStarted when the fingerprint cannot be released', async () => {
    const { placement, orders } = setup({
      duplicateWindowSeconds: 300,
      startSaga: failing('ServiceUnavailable'),
    });
    orders.releaseFingerprint.mockImplementation(failing('ThrottlingException'));

    await expect(placement.place('user-1', request)).rejects.toMatchObject({
      name: 'SagaNotStarted',
    });
    expect(orders.stored.get('order-1')).toMatchObject({ status: 'CANCELLED' });
  });
});

describe('placing an order again under the operation id of an earlier run (Idempotency-Key)', () => {
  it('places the order under the given id rather than a new one', async () => {
    const { placement, orders } = setup();

    const order = await placement.place('user-1', request, { idempotent: true, orderId: 'op-1' });

    expect(order.orderId).toBe('op-1');
    expect([...orders.stored.keys()]).toEqual(['op-1']);
  });

  it('answers the PENDING order the earlier run wrote and places no second one; its saga start is repeated (a started one is no error)', async () => {
    const { placement, orders, started } = setup();
    const first = await placement.place('user-1', request, { idempotent: true, orderId: 'op-1' });

    const again = await placement.place('user-1', request, { idempotent: true, orderId: 'op-1' });

    expect(again).toEqual(first);
    expect([...orders.stored.keys()]).toEqual(['op-1']);
    // Step Functions names the execution by the order id: the second start is
    // ExecutionAlreadyExists, which order-saga-starter.ts answers as success.
    expect(started.map((input) => input.orderId)).toEqual(['op-1', 'op-1']);
  });

  it('starts the saga of an order the earlier run wrote but died before starting', async () => {
    const { placement, orders, started } = setup();
    await orders.createOrder({
      orderId: 'op-2',
      userId: 'user-1',
      items: [{ productId: 'p-1', name: 'Mug', quantity: 2, unitPrice: 1250, lineTotal: 2500 }],
      total: 2500,
      currency: 'USD',
      deliverySlotId: 's-1',
    });

    const order = await placement.place('user-1', request, { idempotent: true, orderId: 'op-2' });

    expect(order).toMatchObject({ orderId: 'op-2', status: 'PENDING', total: 2500 });
    expect(orders.stored.size).toBe(1);
    expect(started.map((input) => input.orderId)).toEqual(['op-2']);
  });

  it('answers an order the earlier run has seen through as it stands, starting nothing', async () => {
    const { placement, orders, started } = setup();
    const placed = await placement.place('user-1', request, { idempotent: true, orderId: 'op-3' });
    const confirmed = { ...placed, status: 'CONFIRMED' as const };
    orders.stored.set('op-3', confirmed);

    const again = await placement.place('user-1', request, { idempotent: true, orderId: 'op-3' });

    expect(again).toEqual(confirmed);
    expect(started.map((input) => input.orderId)).toEqual(['op-3']);
  });

  it("keeps the Conflict when the id is another user's order", async () => {
    const { placement, orders } = setup();
    await placement.place('user-2', request, { idempotent: true, orderId: 'op-4' });

    await expect(
      placement.place('user-1', request, { idempotent: true, orderId: 'op-4' }),
    ).rejects.toMatchObject({ name: 'Conflict' });
    expect(orders.stored.get('op-4')?.userId).toBe('user-2');
  });
});
