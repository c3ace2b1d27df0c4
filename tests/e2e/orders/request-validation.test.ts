import { badBodies, contractError } from '../../support/contract-checks';
import { api, registerAndLogin, type TestUser } from '../../support/http-client';
import { freshSlot, productInStock, type Order, type Page } from '../../support/shop-scenario';

// API.md: no request, however malformed, gets a 5xx or changes any state when answered with a 4xx.
jest.setTimeout(60_000);

let customer: TestUser;
let valid: { items: { productId: string; quantity: number }[]; deliverySlotId: string };

beforeAll(async () => {
  const [user, product, slot] = await Promise.all([
    registerAndLogin(),
    productInStock(300, 100),
    freshSlot(100),
  ]);
  customer = user;
  valid = { items: [{ productId: product.productId, quantity: 1 }], deliverySlotId: slot.slotId };
});

const noOrdersYet = async () => {
  const response = await api.get<Page<Order>>('/orders', { token: customer.token });
  expect(response.body.items).toEqual([]);
};

const item = (changes: Record<string, unknown>) => ({
  ...valid,
  items: [{ ...valid.items[0], ...changes }],
});

const invalidField = (field: string, message?: string) =>
  contractError('VALIDATION_FAILED', {
    details: [{ field, message: message ?? (expect.any(String) as unknown) }],
  });

describe('POST /orders refuses a body that is not an order', () => {
  // Built in the test: `valid` names products created in beforeAll.
  it('answers each malformed, incomplete, mistyped or overreaching body with its 400', async () => {
    const cases = badBodies(valid, {
      required: ['items', 'deliverySlotId'],
      wrongValues: [
        ['items', 'mug'],
        ['items', []],
        ['deliverySlotId', 42],
        ['deliverySlotId', ''],
      ],
      unknown: [
        ['price', 1],
        ['total', 1],
        ['status', 'CONFIRMED'],
        ['userId', 'someone-else'],
        ['currency', 'EUR'],
      ],
    });
    for (const [description, rawBody, expected] of cases) {
      const response = await api.post('/orders', undefined, { token: customer.token, rawBody });

      expect({ description, status: response.status, body: response.body }).toEqual({
        description,
        status: 400,
        body: expected,
      });
    }
    await noOrdersYet();
  });

  it.each([
    ['a quantity of 0', { quantity: 0 }, 'items.0.quantity'],
    ['a quantity of 101', { quantity: 101 }, 'items.0.quantity'],
    ['a fractional quantity', { quantity: 1.5 }, 'items.0.quantity'],
    ['a quantity as text', { quantity: '1' }, 'items.0.quantity'],
    ['no productId', { productId: undefined }, 'items.0.productId'],
    ['a price', { price: 1 }, 'items.0.price'],
  ])('answers 400 VALIDATION_FAILED for an item with %s', async (_, changes, field) => {
    const response = await api.post('/orders', item(changes), { token: customer.token });

    expect(response.status).toBe(400);
    expect(response.body).toEqual(invalidField(field));
    await noOrdersYet();
  });

  it('answers 400 VALIDATION_FAILED for the same product twice or more than 50 items', async () => {
    const [first] = valid.items;
    const twice = await api.post(
      '/orders',
      { ...valid, items: [first, first] },
      { token: customer.token },
    );
    const tooMany = await api.post(
      '/orders',
      {
        ...valid,
        items: Array.from({ length: 51 }, (_, index) => ({ productId: `p-${index}`, quantity: 1 })),
      },
      { token: customer.token },
    );

    expect([twice.status, tooMany.status]).toEqual([400, 400]);
    expect(twice.body).toEqual(invalidField('items'));
    expect(tooMany.body).toEqual(invalidField('items'));
    await noOrdersYet();
  });

  it('answers 415 UNSUPPORTED_MEDIA_TYPE for a body that is not JSON', async () => {
    const response = await api.post('/orders', undefined, {
      token: customer.token,
      rawBody: 'items=1',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });

    expect(response.status).toBe(415);
    expect(response.body).toEqual(contractError('UNSUPPORTED_MEDIA_TYPE'));
  });

  it('answers 401 UNAUTHENTICATED without a token, whatever the body', async () => {
    const good = await api.post('/orders', valid);
    const broken = await api.post('/orders', undefined, { rawBody: '{"items": ' });

    expect([good.status, broken.status]).toEqual([401, 401]);
    expect(good.body).toEqual(contractError('UNAUTHENTICATED'));
    expect(broken.body).toEqual(contractError('UNAUTHENTICATED'));
    await noOrdersYet();
  });

  it('answers 401 UNAUTHENTICATED for a token that is not one', async () => {
    const response = await api.post('/orders', valid, { token: 'not-a-token' });

    expect(response.status).toBe(401);
    expect(response.body).toEqual(contractError('UNAUTHENTICATED'));
  });
});

describe('the orders and notifications lists refuse a bad query', () => {
  it.each(['/orders', '/notifications'])(
    '%s answers each bad query with 400 VALIDATION_FAILED',
    async (path) => {
      for (const [query, field] of [
        ['?limit=0', 'limit'],
        ['?limit=101', 'limit'],
        ['?limit=ten', 'limit'],
        ['?limit=2.5', 'limit'],
        ['?status=CONFIRMED', 'status'],
        ['?userId=someone-else', 'userId'],
      ] as const) {
        const response = await api.get(`${path}${query}`, { token: customer.token });

        expect({ query, status: response.status, body: response.body }).toEqual({
          query,
          status: 400,
          body: invalidField(field),
        });
      }
    },
  );

  it('GET /orders/{orderId} answers an id that is too long with 400, not a 5xx', async () => {
    const response = await api.get(`/orders/${'x'.repeat(129)}`, { token: customer.token });

    expect(response.status).toBe(400);
    expect(response.body).toEqual(invalidField('orderId'));
  });
});
