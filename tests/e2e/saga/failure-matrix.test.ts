import { api, type TestUser } from '../../support/http-client';
import { longestRetryWaitMs } from '../../support/order-saga-definition';
import {
  customerWith,
  freshSlot,
  notificationsUntil,
  orderWhenEnded,
  outsideState,
  productInStock,
  sagaTraceWhenEnded,
  type Order,
  type SagaTrace,
} from '../../support/shop-scenario';

// Issue: the saga under failure. Every forward step failing for good, and failing once; an undo
// step failing for good. Asserted on the order, on the saga trace (the state machine's own
// history) and on everything outside the order: wallet, stock and slot.

// API.md: a failure at a step runs the undo of that step and of every step before it, in reverse
// order; CapturePayment and ConfirmOrder enter at CancelDelivery.
const UNDO_AFTER: Record<string, string[]> = {
  ReservePayment: ['ReleasePayment', 'CancelOrder'],
  ReserveStock: ['ReleaseStock', 'ReleasePayment', 'CancelOrder'],
  BookDelivery: ['CancelDelivery', 'ReleaseStock', 'ReleasePayment', 'CancelOrder'],
  CapturePayment: ['CancelDelivery', 'ReleaseStock', 'ReleasePayment', 'CancelOrder'],
  ConfirmOrder: ['CancelDelivery', 'ReleaseStock', 'ReleasePayment', 'CancelOrder'],
};
const FORWARD = Object.keys(UNDO_AFTER);

interface Scene {
  customer: TestUser;
  productId: string;
  slot: Awaited<ReturnType<typeof freshSlot>>;
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
    productId: product.productId,
    slot,
    before: await outsideState(customer, [product.productId], slot),
  };
}

/**
 * How long an order with these faults may take: API.md's 10 s for the saga, plus the longest
 * each faulted step's retries may wait under its Retry policy (a step that keeps failing and then
 * an undo step that keeps failing wait up to 7 + 15 s; full jitter makes that anywhere from 0).
 */
const deadlineWith = (faults: string): number =>
  faults
    .split(',')
    .map((fault) => fault.split('=')[0] ?? '')
    .reduce((sum, state) => sum + longestRetryWaitMs(state), 10_000);

async function orderWithFaults(
  scene: Scene,
  faults: string,
): Promise<{ order: Order; trace: SagaTrace }> {
  const placed = await api.post<Order>(
    '/orders',
    { items: [{ productId: scene.productId, quantity: 2 }], deliverySlotId: scene.slot.slotId },
    { token: scene.customer.token, headers: { 'X-Fault-Injection': faults } },
  );
  expect(placed.status).toBe(201);
  const order = await orderWhenEnded(scene.customer, placed.body.orderId, deadlineWith(faults));
  return { order, trace: await sagaTraceWhenEnded(scene.customer, order.orderId) };
}

const statesOf = (trace: SagaTrace, status?: string) =>
  trace.steps
    .filter((step) => step.type === 'Task' && (!status || step.status === status))
    .map((step) => step.state);

describe('the saga under failure (X-Fault-Injection)', () => {
  it.each(FORWARD)(
    'cancels with TECHNICAL_FAILURE when %s keeps failing: retried, caught, undone in reverse, all as before',
    async (step) => {
      const setup = await scene();

      const { order, trace } = await orderWithFaults(setup, `${step}=error`);

      expect(order).toMatchObject({ status: 'CANCELLED', cancellationReason: 'TECHNICAL_FAILURE' });
      const failing = trace.steps.filter((entry) => entry.state === step);
      expect(failing.map((entry) => entry.status)).toEqual([
        'RETRIED',
        'RETRIED',
        'RETRIED',
        'CAUGHT',
      ]);
      expect(failing.every((entry) => entry.error === 'TransientError')).toBe(true);
      const afterCatch = trace.steps.slice(
        trace.steps.findLastIndex((entry) => entry.state === step) + 1,
      );
      expect(afterCatch.map((entry) => `${entry.state}:${entry.status}`)).toEqual([
        ...(UNDO_AFTER[step] ?? []).map((undo) => `${undo}:SUCCEEDED`),
        'OrderCancelled:SUCCEEDED',
      ]);
      expect(await outsideState(setup.customer, [setup.productId], setup.slot)).toEqual(
        setup.before,
      );
      const notifications = await notificationsUntil(setup.customer, (items) =>
        items.some((item) => item.orderId === order.orderId),
      );
      const terminal = notifications.filter((item) => item.orderId === order.orderId);
      expect(terminal).toHaveLength(1);
      expect(terminal[0]).toMatchObject({ type: 'ORDER_CANCELLED' });
    },
  );

  it.each(FORWARD)('confirms the order when %s fails once, with one RETRIED step', async (step) => {
    const setup = await scene();

    const { order, trace } = await orderWithFaults(setup, `${step}=error-once`);

    expect(order.status).toBe('CONFIRMED');
    expect(trace.status).toBe('SUCCEEDED');
    expect(statesOf(trace, 'RETRIED')).toEqual([step]);
    expect(statesOf(trace, 'SUCCEEDED')).toEqual(FORWARD);
  });

  it('ends COMPENSATION_FAILED, the execution FAILED, when an undo step keeps failing', async () => {
    const setup = await scene();

    const { order, trace } = await orderWithFaults(
      setup,
      'BookDelivery=error,CancelDelivery=error',
    );

    expect(order.status).toBe('COMPENSATION_FAILED');
    expect(trace.status).toBe('FAILED');
    // The execution fails at the undo itself, where an operator's redrive resumes it.
    expect(trace.steps.at(-1)).toMatchObject({
      state: 'CancelDelivery',
      status: 'FAILED',
      error: 'TransientError',
    });
  }, 60_000);

  it('ignores nothing it does not understand: an unknown step or fault is a 400', async () => {
    const setup = await scene();

    const answer = await api.post(
      '/orders',
      { items: [{ productId: setup.productId, quantity: 1 }], deliverySlotId: setup.slot.slotId },
      { token: setup.customer.token, headers: { 'X-Fault-Injection': 'ShipIt=error' } },
    );

    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ error: { code: 'VALIDATION_FAILED' } });
    expect(await outsideState(setup.customer, [setup.productId], setup.slot)).toEqual(setup.before);
  });
});
