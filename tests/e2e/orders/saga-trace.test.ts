import { api, registerAndLogin } from '../../support/http-client';
import {
  customerWith,
  freshSlot,
  orderWhenEnded,
  placeOrder,
  productInStock,
  sagaTraceWhenEnded,
} from '../../support/shop-scenario';

/** A new customer with `deposit` in the wallet orders one unit of a new 50.00 product. */
async function oneUnitOrdered(deposit: number) {
  const [customer, product, slot] = await Promise.all([
    customerWith(deposit),
    productInStock(5_000, 5),
    freshSlot(3),
  ]);
  const placed = await placeOrder(
    customer,
    [{ productId: product.productId, quantity: 1 }],
    slot.slotId,
  );
  return { customer, placed };
}

describe('GET /orders/{orderId}/saga', () => {
  it("shows a confirmed order's path, state by state, from the execution history", async () => {
    const { customer, placed } = await oneUnitOrdered(10_000);
    await orderWhenEnded(customer, placed.body.orderId);

    const body = await sagaTraceWhenEnded(customer, placed.body.orderId);

    expect(body).toMatchObject({ orderId: placed.body.orderId, status: 'SUCCEEDED' });
    expect(body.executionId).toMatch(new RegExp(`:execution:.+:${placed.body.orderId}$`));
    // NewOrStuck, the sweeper's Choice, routes every execution first.
    expect(body.steps.map((step) => `${step.state}:${step.status}`)).toEqual([
      'NewOrStuck:SUCCEEDED',
      'ReservePayment:SUCCEEDED',
      'ReserveStock:SUCCEEDED',
      'BookDelivery:SUCCEEDED',
      'CapturePayment:SUCCEEDED',
      'ConfirmOrder:SUCCEEDED',
      'OrderConfirmed:SUCCEEDED',
    ]);
    for (const step of body.steps)
      expect(Date.parse(step.endedAt ?? '')).toBeGreaterThanOrEqual(Date.parse(step.startedAt));
  });

  it('shows the caught step with its error, then the undo steps, for a declined payment', async () => {
    const { customer, placed } = await oneUnitOrdered(100);
    await orderWhenEnded(customer, placed.body.orderId);

    const body = await sagaTraceWhenEnded(customer, placed.body.orderId);

    expect(body.steps.map(({ state, status, error }) => [state, status, error])).toEqual([
      ['NewOrStuck', 'SUCCEEDED', undefined],
      ['ReservePayment', 'CAUGHT', 'PaymentDeclined'],
      ['ReleasePayment', 'SUCCEEDED', undefined],
      ['CancelOrder', 'SUCCEEDED', undefined],
      ['OrderCancelled', 'SUCCEEDED', undefined],
    ]);
  });

  it("answers 404 for another user's order, as for one that does not exist", async () => {
    const { placed } = await oneUnitOrdered(10_000);
    const stranger = await registerAndLogin();

    const theirs = await api.get(`/orders/${placed.body.orderId}/saga`, { token: stranger.token });
    const unknown = await api.get('/orders/no-such-order/saga', { token: stranger.token });

    expect(theirs.status).toBe(404);
    expect(theirs.body).toEqual({
      error: { code: 'NOT_FOUND', message: expect.any(String) as string },
    });
    expect(unknown.status).toBe(404);
  });

  it('answers 401 without a token', async () => {
    expect((await api.get('/orders/any/saga')).status).toBe(401);
  });
});
