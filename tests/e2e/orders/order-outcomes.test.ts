import { adminToken, api } from '../../support/http-client';
import {
  customerWith,
  freshSlot,
  notificationsUntil,
  orderWhenEnded,
  outsideState,
  placeOrder,
  productInStock,
  type Notification,
  type Order,
} from '../../support/shop-scenario';

// The whole shop over HTTP: a customer orders, the saga runs through payments, inventory and
// delivery, and the order ends as API.md says, with wallet, stock, slot and notifications to match.
jest.setTimeout(60_000);

const currency = process.env.SHOP_CURRENCY ?? 'USD';
const isoTimestamp = expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/) as unknown;

const hasType = (type: Notification['type'], orderId?: string) => (items: Notification[]) =>
  items.some((item) => item.type === type && (orderId === undefined || item.orderId === orderId));

describe('an order the shop can fulfil', () => {
  it('is CONFIRMED: the total charged, the units reserved, one place booked, the customer told', async () => {
    const [customer, mug, tea, slot] = await Promise.all([
      customerWith(10_000),
      productInStock(1250, 10),
      productInStock(990, 5),
      freshSlot(2),
    ]);
    const before = await outsideState(customer, [mug.productId, tea.productId], slot);

    const placed = await placeOrder(
      customer,
      [
        { productId: mug.productId, quantity: 2 },
        { productId: tea.productId, quantity: 1 },
      ],
      slot.slotId,
    );

    expect({ status: placed.status, location: placed.headers.get('location') }).toEqual({
      status: 201,
      location: `/orders/${placed.body.orderId}`,
    });
    expect(placed.body).toEqual({
      orderId: expect.any(String) as unknown,
      userId: customer.userId,
      status: 'PENDING',
      items: [
        { productId: mug.productId, name: mug.name, quantity: 2, unitPrice: 1250, lineTotal: 2500 },
        { productId: tea.productId, name: tea.name, quantity: 1, unitPrice: 990, lineTotal: 990 },
      ],
      total: 3490,
      currency,
      deliverySlotId: slot.slotId,
      createdAt: isoTimestamp,
      updatedAt: isoTimestamp,
    });

    const order = await orderWhenEnded(customer, placed.body.orderId);

    expect(order).toEqual({ ...placed.body, status: 'CONFIRMED', updatedAt: isoTimestamp });
    expect(before.stock).toEqual([
      { productId: mug.productId, onHand: 10, reserved: 0, available: 10 },
      { productId: tea.productId, onHand: 5, reserved: 0, available: 5 },
    ]);
    expect(await outsideState(customer, [mug.productId, tea.productId], slot)).toEqual({
      wallet: {
        ...before.wallet,
        balance: before.wallet.balance - 3490,
        held: 0,
        available: before.wallet.available - 3490,
      },
      // The units stay reserved for the order.
      stock: [
        { productId: mug.productId, onHand: 10, reserved: 2, available: 8 },
        { productId: tea.productId, onHand: 5, reserved: 1, available: 4 },
      ],
      slot: { ...before.slot, booked: 1, available: 1 },
    });
    const notifications = await notificationsUntil(
      customer,
      (items) => hasType('ORDER_CONFIRMED', order.orderId)(items) && hasType('WELCOME')(items),
    );
    expect(notifications).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ type: 'WELCOME' }),
        expect.objectContaining({ type: 'ORDER_CONFIRMED', orderId: order.orderId }),
      ]),
    );
  });

  it('keeps the prices of order time when the catalog changes them afterwards', async () => {
    const [customer, mug, slot] = await Promise.all([
      customerWith(10_000),
      productInStock(1250, 10),
      freshSlot(2),
    ]);
    const placed = await placeOrder(
      customer,
      [{ productId: mug.productId, quantity: 1 }],
      slot.slotId,
    );
    expect(placed.status).toBe(201);

    const patched = await api.patch(
      `/products/${mug.productId}`,
      { price: 9999 },
      { token: await adminToken() },
    );
    expect(patched.status).toBe(200);

    const order = await orderWhenEnded(customer, placed.body.orderId);
    expect(order).toMatchObject({ status: 'CONFIRMED', total: 1250 });
    expect(order.items).toEqual([expect.objectContaining({ unitPrice: 1250, lineTotal: 1250 })]);
  });
});

describe('an order the shop cannot fulfil', () => {
  const expectCancelled = async (
    order: Order,
    reason: string,
    customer: Awaited<ReturnType<typeof customerWith>>,
    words: RegExp,
  ) => {
    expect(order).toMatchObject({ status: 'CANCELLED', cancellationReason: reason });
    const notifications = await notificationsUntil(
      customer,
      hasType('ORDER_CANCELLED', order.orderId),
    );
    const cancelled = notifications.find((item) => item.orderId === order.orderId);
    expect(cancelled).toMatchObject({
      type: 'ORDER_CANCELLED',
      message: expect.stringMatching(words) as unknown,
    });
    expect(notifications.some((item) => item.type === 'ORDER_CONFIRMED')).toBe(false);
  };

  it('is CANCELLED with PAYMENT_DECLINED when the wallet cannot pay, leaving everything as before', async () => {
    const [customer, mug, slot] = await Promise.all([
      customerWith(1000),
      productInStock(1250, 10),
      freshSlot(2),
    ]);
    const before = await outsideState(customer, [mug.productId], slot);

    const placed = await placeOrder(
      customer,
      [{ productId: mug.productId, quantity: 1 }],
      slot.slotId,
    );
    expect(placed).toMatchObject({ status: 201, body: { status: 'PENDING', total: 1250 } });

    const order = await orderWhenEnded(customer, placed.body.orderId);

    await expectCancelled(order, 'PAYMENT_DECLINED', customer, /payment was declined|money/);
    expect(await outsideState(customer, [mug.productId], slot)).toEqual(before);
  });

  it('is CANCELLED with OUT_OF_STOCK when more units are ordered than available, leaving everything as before', async () => {
    const [customer, mug, tea, slot] = await Promise.all([
      customerWith(10_000),
      productInStock(500, 10),
      productInStock(300, 1),
      freshSlot(2),
    ]);
    const ids = [mug.productId, tea.productId];
    const before = await outsideState(customer, ids, slot);

    const placed = await placeOrder(
      customer,
      [
        { productId: mug.productId, quantity: 1 },
        { productId: tea.productId, quantity: 2 },
      ],
      slot.slotId,
    );
    expect(placed.status).toBe(201);

    const order = await orderWhenEnded(customer, placed.body.orderId);

    await expectCancelled(order, 'OUT_OF_STOCK', customer, /out of stock/);
    expect(await outsideState(customer, ids, slot)).toEqual(before);
  });

  it('is CANCELLED with NO_DELIVERY_SLOT when the slot is full, leaving everything as before', async () => {
    const [first, second, mug, slot] = await Promise.all([
      customerWith(10_000),
      customerWith(10_000),
      productInStock(500, 10),
      freshSlot(1),
    ]);
    const firstOrder = await placeOrder(
      first,
      [{ productId: mug.productId, quantity: 1 }],
      slot.slotId,
    );
    expect(await orderWhenEnded(first, firstOrder.body.orderId)).toMatchObject({
      status: 'CONFIRMED',
    });
    const before = await outsideState(second, [mug.productId], slot);
    expect(before.slot).toMatchObject({ capacity: 1, booked: 1, available: 0 });

    const placed = await placeOrder(
      second,
      [{ productId: mug.productId, quantity: 1 }],
      slot.slotId,
    );
    expect(placed.status).toBe(201);

    const order = await orderWhenEnded(second, placed.body.orderId);

    await expectCancelled(order, 'NO_DELIVERY_SLOT', second, /delivery slot/);
    expect(await outsideState(second, [mug.productId], slot)).toEqual(before);
  });

  it('is CANCELLED with NO_DELIVERY_SLOT for a slot with no capacity at all', async () => {
    const [customer, mug, slot] = await Promise.all([
      customerWith(10_000),
      productInStock(500, 10),
      freshSlot(0),
    ]);
    const before = await outsideState(customer, [mug.productId], slot);

    const placed = await placeOrder(
      customer,
      [{ productId: mug.productId, quantity: 1 }],
      slot.slotId,
    );
    const order = await orderWhenEnded(customer, placed.body.orderId);

    expect(order).toMatchObject({ status: 'CANCELLED', cancellationReason: 'NO_DELIVERY_SLOT' });
    expect(await outsideState(customer, [mug.productId], slot)).toEqual(before);
  });
});
