import { randomUUID } from 'node:crypto';
import { eventually } from '../../support/contract-checks';
import { adminToken, api } from '../../support/http-client';
import { longestRetryWaitMs } from '../../support/order-saga-definition';
import {
  customerWith,
  freshSlot,
  notificationsUntil,
  orderWhenEnded,
  outsideState,
  productInStock,
  sagaTraceWhenEnded,
  type Notification,
  type Order,
} from '../../support/shop-scenario';

// API.md "Operations": a COMPENSATION_FAILED order is recovered by an admin's redrive once the
// cause is fixed; `error-until-redrive` plays "the cause was fixed".

// The saga, the undo's retries for good, then the redriven undo chain.
const SAGA_WITH_FAILED_UNDO_MS =
  10_000 + longestRetryWaitMs('BookDelivery') + longestRetryWaitMs('ReleaseStock');
jest.setTimeout(SAGA_WITH_FAILED_UNDO_MS + 40_000);

async function compensationFailedOrder() {
  const [customer, product, slot] = await Promise.all([
    customerWith(10_000),
    productInStock(900, 4),
    freshSlot(3),
  ]);
  const before = await outsideState(customer, [product.productId], slot);
  const placed = await api.post<Order>(
    '/orders',
    { items: [{ productId: product.productId, quantity: 2 }], deliverySlotId: slot.slotId },
    {
      token: customer.token,
      headers: { 'X-Fault-Injection': 'BookDelivery=error,ReleaseStock=error-until-redrive' },
    },
  );
  expect(placed.status).toBe(201);
  const order = await orderWhenEnded(customer, placed.body.orderId, SAGA_WITH_FAILED_UNDO_MS);
  return { customer, product, slot, before, order };
}

describe('POST /admin/orders/{orderId}/redrive', () => {
  it('ends a COMPENSATION_FAILED order CANCELLED once the cause is fixed, with wallet, stock and slot as before', async () => {
    const { customer, product, slot, before, order } = await compensationFailedOrder();
    expect(order.status).toBe('COMPENSATION_FAILED');
    const failedTrace = await sagaTraceWhenEnded(customer, order.orderId);
    expect(failedTrace.status).toBe('FAILED');
    expect(failedTrace.steps.at(-1)).toMatchObject({ state: 'ReleaseStock', status: 'FAILED' });
    // Money and units are still held: the undo stopped half way.
    expect(await outsideState(customer, [product.productId], slot)).not.toEqual(before);
    // API.md: ORDER_COMPENSATION_FAILED reaches the customer and every admin.
    const notice = (items: Notification[]) =>
      items.filter(
        (item) => item.type === 'ORDER_COMPENSATION_FAILED' && item.orderId === order.orderId,
      );
    const admin = { ...customer, token: await adminToken() };
    const noticeTo = async (reader: typeof customer) =>
      notice(await notificationsUntil(reader, (items) => notice(items).length > 0));
    const [toCustomer, toAdmin] = await Promise.all([noticeTo(customer), noticeTo(admin)]);
    expect(toCustomer).toHaveLength(1);
    expect(toAdmin).toHaveLength(1);
    expect(toAdmin[0]?.message).toContain(`/admin/orders/${order.orderId}/redrive`);

    const redrive = await api.post<Order>(`/admin/orders/${order.orderId}/redrive`, undefined, {
      token: await adminToken(),
    });

    expect(redrive.status).toBe(202);
    expect(redrive.body).toMatchObject({ orderId: order.orderId });
    // API.md: the undo chain runs on (ReleaseStock's retries are over at once now).
    const ended = await eventually(
      async () =>
        (await api.get<Order>(`/orders/${order.orderId}`, { token: customer.token })).body,
      (current) => current.status !== 'COMPENSATION_FAILED',
      15_000,
    );
    expect(ended).toMatchObject({ status: 'CANCELLED', cancellationReason: 'TECHNICAL_FAILURE' });
    expect(await outsideState(customer, [product.productId], slot)).toEqual(before);
    const trace = await sagaTraceWhenEnded(customer, order.orderId);
    expect(trace.status).toBe('SUCCEEDED');
    expect(
      trace.steps
        .slice(trace.steps.findIndex((step) => step.status === 'FAILED'))
        .map((step) => `${step.state}:${step.status}`),
    ).toEqual([
      'ReleaseStock:FAILED',
      'ReleaseStock:SUCCEEDED',
      'ReleasePayment:SUCCEEDED',
      'CancelOrder:SUCCEEDED',
      'OrderCancelled:SUCCEEDED',
    ]);
  });

  it('answers 409 CONFLICT for an order in any other status, 404 for an unknown one, 403 to a customer', async () => {
    const [customer, product, slot] = await Promise.all([
      customerWith(5_000),
      productInStock(500, 2),
      freshSlot(2),
    ]);
    const placed = await api.post<Order>(
      '/orders',
      { items: [{ productId: product.productId, quantity: 1 }], deliverySlotId: slot.slotId },
      { token: customer.token },
    );
    const confirmed = await orderWhenEnded(customer, placed.body.orderId);
    expect(confirmed.status).toBe('CONFIRMED');
    const admin = await adminToken();

    const conflict = await api.post(`/admin/orders/${confirmed.orderId}/redrive`, undefined, {
      token: admin,
    });
    const unknown = await api.post(`/admin/orders/${randomUUID()}/redrive`, undefined, {
      token: admin,
    });
    const forbidden = await api.post(`/admin/orders/${confirmed.orderId}/redrive`, undefined, {
      token: customer.token,
    });

    expect(conflict).toMatchObject({ status: 409, body: { error: { code: 'CONFLICT' } } });
    expect(unknown).toMatchObject({ status: 404, body: { error: { code: 'NOT_FOUND' } } });
    expect(forbidden).toMatchObject({ status: 403, body: { error: { code: 'FORBIDDEN' } } });
    expect(await orderWhenEnded(customer, confirmed.orderId)).toEqual(confirmed);
  });
});
