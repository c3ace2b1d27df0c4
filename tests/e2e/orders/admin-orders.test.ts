import { adminToken, api } from '../../support/http-client';
import {
  customerWith,
  freshSlot,
  orderWhenEnded,
  placeOrder,
  productInStock,
  type Order,
  type Page,
} from '../../support/shop-scenario';

/** Pages of GET /admin/orders (newest first) until `orderId` shows, or they run out. */
async function adminPagesUntil(query: string, orderId: string): Promise<Order[]> {
  const token = await adminToken();
  const seen: Order[] = [];
  let cursor: string | undefined;
  do {
    const response = await api.get<Page<Order>>(
      `/admin/orders?limit=50${query}${cursor ? `&cursor=${cursor}` : ''}`,
      { token },
    );
    expect(response.status).toBe(200);
    seen.push(...response.body.items);
    cursor = response.body.nextCursor;
  } while (cursor && !seen.some((order) => order.orderId === orderId));
  return seen;
}

describe('GET /admin/orders', () => {
  it("lists every user's orders by status, newest first, and moves an order when it ends", async () => {
    const [rich, poor, product, slot] = await Promise.all([
      customerWith(10_000),
      customerWith(10),
      productInStock(1_000, 5),
      freshSlot(5),
    ]);
    const items = [{ productId: product.productId, quantity: 1 }];
    const confirmed = (await placeOrder(rich, items, slot.slotId)).body;
    const cancelled = (await placeOrder(poor, items, slot.slotId)).body;
    await Promise.all([
      orderWhenEnded(rich, confirmed.orderId),
      orderWhenEnded(poor, cancelled.orderId),
    ]);

    const confirmedList = await adminPagesUntil('&status=CONFIRMED', confirmed.orderId);
    const cancelledList = await adminPagesUntil('&status=CANCELLED', cancelled.orderId);
    const all = await adminPagesUntil('', confirmed.orderId);

    expect(confirmedList.map((order) => order.orderId)).toContain(confirmed.orderId);
    expect(confirmedList.every((order) => order.status === 'CONFIRMED')).toBe(true);
    expect(cancelledList.find((order) => order.orderId === cancelled.orderId)).toMatchObject({
      userId: poor.userId,
      status: 'CANCELLED',
      cancellationReason: 'PAYMENT_DECLINED',
    });
    expect(cancelledList.some((order) => order.orderId === confirmed.orderId)).toBe(false);
    expect(all.map((order) => order.orderId)).toEqual(
      expect.arrayContaining([confirmed.orderId, cancelled.orderId]),
    );
    const created = all.map((order) => order.createdAt);
    expect(created).toEqual([...created].sort().reverse());
  });

  it('pages with a cursor and refuses one of another list with 400', async () => {
    const token = await adminToken();
    const first = await api.get<Page<Order>>('/admin/orders?limit=1', { token });
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(1);
    const cursor = first.body.nextCursor ?? '';
    const next = await api.get<Page<Order>>(`/admin/orders?limit=1&cursor=${cursor}`, { token });
    expect(next.status).toBe(200);
    expect(next.body.items[0]?.orderId).not.toBe(first.body.items[0]?.orderId);

    const foreign = await api.get(`/admin/orders?limit=1&status=PENDING&cursor=${cursor}`, {
      token,
    });
    expect(foreign.status).toBe(400);
  });

  it('refuses an unknown status with 400, a customer with 403, and no token with 401', async () => {
    const customer = await customerWith(0);
    const token = await adminToken();
    expect((await api.get('/admin/orders?status=LOST', { token })).status).toBe(400);
    expect((await api.get('/admin/orders?colour=red', { token })).status).toBe(400);
    expect((await api.get('/admin/orders', { token: customer.token })).status).toBe(403);
    expect((await api.get('/admin/orders')).status).toBe(401);
  });
});
