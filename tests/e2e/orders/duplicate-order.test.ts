import { contractError } from '../../support/contract-checks';
import { api, type TestUser } from '../../support/http-client';
import {
  customerWith,
  freshSlot,
  orderWhenEnded,
  placeOrder,
  productInStock,
  type Order,
  type Page,
  type Product,
  type Slot,
} from '../../support/shop-scenario';

// API.md "Orders": without an Idempotency-Key, the same user ordering the same items for the
// same slot again within DUPLICATE_ORDER_WINDOW_SECONDS (default 300) of a PENDING or CONFIRMED
// order gets 409 DUPLICATE_ORDER, with the existing order in the body.
jest.setTimeout(60_000);

let mug: Product;
let tea: Product;
let slot: Slot;

beforeAll(async () => {
  [mug, tea, slot] = await Promise.all([
    productInStock(300, 1000),
    productInStock(200, 1000),
    freshSlot(1000),
  ]);
});

const lines = (mugs = 1) => [
  { productId: mug.productId, quantity: mugs },
  { productId: tea.productId, quantity: 1 },
];

const ordersOf = async (customer: TestUser): Promise<Order[]> =>
  (await api.get<Page<Order>>('/orders?limit=100', { token: customer.token })).body.items;

const duplicateOf = (order: Order) => ({
  ...contractError('DUPLICATE_ORDER'),
  order,
});

describe('POST /orders without an Idempotency-Key, the same order again', () => {
  it('answers 409 DUPLICATE_ORDER with the existing order, for the items in any order, placing nothing', async () => {
    const customer = await customerWith(10_000);
    const first = await placeOrder(customer, lines(), slot.slotId);
    const confirmed = await orderWhenEnded(customer, first.body.orderId);
    expect(confirmed.status).toBe('CONFIRMED');

    const again = await placeOrder(customer, [...lines()].reverse(), slot.slotId);

    expect(again.status).toBe(409);
    expect(again.body).toEqual(duplicateOf(confirmed));
    expect((await ordersOf(customer)).map((order) => order.orderId)).toEqual([first.body.orderId]);
  });

  it('places another quantity, another slot or another user as new orders', async () => {
    const [customer, other, otherSlot] = await Promise.all([
      customerWith(10_000),
      customerWith(10_000),
      freshSlot(10),
    ]);
    await placeOrder(customer, lines(1), slot.slotId);

    const answers = await Promise.all([
      placeOrder(customer, lines(2), slot.slotId),
      placeOrder(customer, lines(1), otherSlot.slotId),
      placeOrder(customer, [{ productId: mug.productId, quantity: 1 }], slot.slotId),
      placeOrder(other, lines(1), slot.slotId),
    ]);

    expect(answers.map((answer) => answer.status)).toEqual([201, 201, 201, 201]);
  });

  it('places exactly one of five identical orders sent at once; the others carry it', async () => {
    const customer = await customerWith(10_000);

    const answers = await Promise.all(
      Array.from({ length: 5 }, () => placeOrder(customer, lines(3), slot.slotId)),
    );

    const placed = answers.filter((answer) => answer.status === 201);
    const refused = answers.filter((answer) => answer.status === 409);
    expect([placed.length, refused.length]).toEqual([1, 4]);
    const orderId = placed[0]?.body.orderId;
    for (const answer of refused) {
      expect(answer.body).toMatchObject({
        error: { code: 'DUPLICATE_ORDER' },
        order: { orderId, userId: customer.userId },
      });
    }
    expect((await ordersOf(customer)).map((order) => order.orderId)).toEqual([orderId]);
  });

  it('refuses it while the first is PENDING, and places it again once that order is CANCELLED', async () => {
    const customer = await customerWith(10_000);
    // ConfirmOrder keeps failing: the order stays PENDING while the saga retries it for seconds,
    // then undoes every step and cancels it.
    const first = await api.post<Order>(
      '/orders',
      { items: lines(4), deliverySlotId: slot.slotId },
      { token: customer.token, headers: { 'X-Fault-Injection': 'ConfirmOrder=error' } },
    );
    expect(first.status).toBe(201);

    const whilePending = await placeOrder(customer, lines(4), slot.slotId);
    expect(whilePending.status).toBe(409);
    expect(whilePending.body).toMatchObject({ order: { orderId: first.body.orderId } });

    const cancelled = await orderWhenEnded(customer, first.body.orderId);
    expect(cancelled).toMatchObject({
      status: 'CANCELLED',
      cancellationReason: 'TECHNICAL_FAILURE',
    });
    const again = await placeOrder(customer, lines(4), slot.slotId);

    expect(again.status).toBe(201);
    expect(again.body.orderId).not.toBe(first.body.orderId);
    const thirdTime = await placeOrder(customer, lines(4), slot.slotId);
    expect(thirdTime.status).toBe(409);
    expect(thirdTime.body).toMatchObject({ order: { orderId: again.body.orderId } });
  });

  it('places the same order again when the request carries an Idempotency-Key of its own', async () => {
    const customer = await customerWith(10_000);
    const first = await placeOrder(customer, lines(5), slot.slotId);

    const keyed = await api.post<Order>(
      '/orders',
      { items: lines(5), deliverySlotId: slot.slotId },
      { token: customer.token, headers: { 'Idempotency-Key': 'on-purpose' } },
    );

    expect([first.status, keyed.status]).toEqual([201, 201]);
    expect(keyed.body.orderId).not.toBe(first.body.orderId);
  });
});
