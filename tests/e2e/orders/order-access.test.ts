import { encodeCursor } from '../../../functions/lib/dynamo/pagination';
import { contractError } from '../../support/contract-checks';
import { adminToken, api, registerAndLogin, type TestUser } from '../../support/http-client';
import {
  customerWith,
  freshSlot,
  placeOrder,
  productInStock,
  walletOf,
  type Order,
  type Page,
  type Product,
  type Slot,
} from '../../support/shop-scenario';

jest.setTimeout(60_000);

const invalidCursor = contractError('VALIDATION_FAILED', {
  details: [{ field: 'cursor', message: 'Invalid cursor' }],
});

let product: Product;
let slot: Slot;

beforeAll(async () => {
  [product, slot] = await Promise.all([productInStock(300, 1000), freshSlot(1000)]);
});

// A customer's orders differ in quantity: the same order again would be a DUPLICATE_ORDER.
const orderOne = async (customer: TestUser, quantity = 1): Promise<Order> => {
  const response = await placeOrder(
    customer,
    [{ productId: product.productId, quantity }],
    slot.slotId,
  );
  expect(response.status).toBe(201);
  return response.body;
};

const ordersOf = (customer: TestUser, query = '') =>
  api.get<Page<Order>>(`/orders${query}`, { token: customer.token });

describe('GET /orders/{orderId} (owner or admin)', () => {
  it('shows the customer their own order', async () => {
    const customer = await customerWith(10_000);
    const order = await orderOne(customer);

    const response = await api.get<Order>(`/orders/${order.orderId}`, { token: customer.token });

    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ orderId: order.orderId, userId: customer.userId });
  });

  it('answers 404 to another customer, exactly as for an order that does not exist', async () => {
    const [owner, other] = await Promise.all([customerWith(10_000), registerAndLogin()]);
    const order = await orderOne(owner);

    const foreign = await api.get(`/orders/${order.orderId}`, { token: other.token });
    const missing = await api.get('/orders/no-such-order', { token: other.token });

    expect(foreign.status).toBe(404);
    expect(missing.status).toBe(404);
    expect(foreign.body).toEqual(contractError('NOT_FOUND'));
    expect(Object.keys(foreign.body)).toEqual(Object.keys(missing.body));
    expect(JSON.stringify(foreign.body)).not.toContain(owner.userId);
  });

  it('shows an admin any order', async () => {
    const customer = await customerWith(10_000);
    const order = await orderOne(customer);

    const response = await api.get<Order>(`/orders/${order.orderId}`, {
      token: await adminToken(),
    });

    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ orderId: order.orderId, userId: customer.userId });
  });

  it('answers 401 UNAUTHENTICATED without a token', async () => {
    const customer = await customerWith(10_000);
    const order = await orderOne(customer);

    const response = await api.get(`/orders/${order.orderId}`);

    expect(response.status).toBe(401);
    expect(response.body).toEqual(contractError('UNAUTHENTICATED'));
  });
});

describe('GET /orders (user)', () => {
  it("lists only the customer's own orders, newest first, paged with limit and cursor", async () => {
    const [customer, other] = await Promise.all([customerWith(10_000), customerWith(10_000)]);
    const placed: Order[] = [];
    for (let index = 0; index < 3; index++) placed.push(await orderOne(customer, index + 1));
    await orderOne(other);

    const first = await ordersOf(customer, '?limit=2');
    const second = await ordersOf(
      customer,
      `?limit=2&cursor=${encodeURIComponent(first.body.nextCursor ?? '')}`,
    );

    expect([first.status, second.status]).toEqual([200, 200]);
    expect([...first.body.items, ...second.body.items].map((order) => order.orderId)).toEqual(
      placed.map((order) => order.orderId).reverse(),
    );
    expect(first.body.nextCursor).toEqual(expect.any(String));
    expect(second.body.nextCursor).toBeUndefined();
    expect(second.body.items.every((order) => order.userId === customer.userId)).toBe(true);
  });

  it('lists nothing for a customer who never ordered', async () => {
    const customer = await registerAndLogin();

    const response = await ordersOf(customer);

    expect(response).toMatchObject({ status: 200, body: { items: [] } });
  });

  it("answers 400 VALIDATION_FAILED for a cursor of another customer's list", async () => {
    const [customer, other] = await Promise.all([customerWith(10_000), customerWith(10_000)]);
    await orderOne(other, 1);
    await orderOne(other, 2);
    const theirs = await ordersOf(other, '?limit=1');

    const response = await ordersOf(
      customer,
      `?cursor=${encodeURIComponent(theirs.body.nextCursor ?? '')}`,
    );

    expect(response.status).toBe(400);
    expect(response.body).toEqual(invalidCursor);
  });

  it.each([
    ['not base64 JSON', '%25%25%25'],
    ['a made-up key', encodeURIComponent(encodeCursor({ pk: 'ORDER#x', sk: 'ORDER' }) ?? '')],
    [
      "a key in another table's shape",
      encodeURIComponent(
        encodeCursor({ gsi1pk: 'USER#x', gsi1sk: '2030', pk: 'WALLET#x', sk: 'WALLET' }) ?? '',
      ),
    ],
  ])('answers 400 VALIDATION_FAILED for a tampered cursor: %s', async (_, cursor) => {
    const customer = await registerAndLogin();

    const response = await ordersOf(customer, `?cursor=${cursor}`);

    expect(response.status).toBe(400);
    expect(response.body).toEqual(invalidCursor);
  });

  it('answers 401 UNAUTHENTICATED without a token', async () => {
    const response = await api.get('/orders');

    expect(response.status).toBe(401);
    expect(response.body).toEqual(contractError('UNAUTHENTICATED'));
  });
});

describe('POST /orders with what the shop does not have', () => {
  it('answers 400 UNKNOWN_PRODUCT naming the unknown products, creating and charging nothing', async () => {
    const customer = await customerWith(10_000);
    const walletBefore = await walletOf(customer);

    const response = await placeOrder(
      customer,
      [
        { productId: product.productId, quantity: 1 },
        { productId: 'no-such-product', quantity: 1 },
      ],
      slot.slotId,
    );

    expect(response.status).toBe(400);
    expect(response.body).toEqual(
      contractError('UNKNOWN_PRODUCT', { details: { productIds: ['no-such-product'] } }),
    );
    expect((await ordersOf(customer)).body.items).toEqual([]);
    expect(await walletOf(customer)).toEqual(walletBefore);
  });

  it('answers 400 UNKNOWN_SLOT, creating and charging nothing', async () => {
    const customer = await customerWith(10_000);
    const walletBefore = await walletOf(customer);

    const response = await placeOrder(
      customer,
      [{ productId: product.productId, quantity: 1 }],
      'no-such-slot',
    );

    expect(response.status).toBe(400);
    expect(response.body).toEqual(
      contractError('UNKNOWN_SLOT', { details: { deliverySlotId: 'no-such-slot' } }),
    );
    expect((await ordersOf(customer)).body.items).toEqual([]);
    expect(await walletOf(customer)).toEqual(walletBefore);
  });
});
