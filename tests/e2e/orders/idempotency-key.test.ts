import { contractError } from '../../support/contract-checks';
import { api, type TestUser } from '../../support/http-client';
import {
  customerWith,
  freshSlot,
  orderWhenEnded,
  outsideState,
  productInStock,
  type Order,
  type Page,
  type Product,
  type Slot,
} from '../../support/shop-scenario';

// API.md "Orders": POST /orders with an Idempotency-Key. The first request places the order
// (201); the same user repeating the key with the same body gets 200 and the same order, also
// while the first is still being placed, and nothing is created, charged or reserved again.
jest.setTimeout(60_000);

interface Transaction {
  type: string;
  amount: number;
  orderId?: string;
}
interface SagaTrace {
  orderId: string;
  executionId: string;
  steps: { state: string; status: string }[];
}

const countsOf = (values: number[]): Record<number, number> =>
  values.reduce<Record<number, number>>((counts, value) => {
    counts[value] = (counts[value] ?? 0) + 1;
    return counts;
  }, {});

const post = (customer: TestUser, body: unknown, key: string) =>
  api.post<Order>('/orders', body, {
    token: customer.token,
    headers: { 'Idempotency-Key': key },
  });

const ordersOf = async (customer: TestUser): Promise<Order[]> =>
  (await api.get<Page<Order>>('/orders?limit=100', { token: customer.token })).body.items;

const transactionsOf = async (customer: TestUser): Promise<Transaction[]> =>
  (await api.get<Page<Transaction>>('/wallet/transactions?limit=100', { token: customer.token }))
    .body.items;

let mug: Product;
let tea: Product;
let slot: Slot;

beforeAll(async () => {
  [mug, tea, slot] = await Promise.all([
    productInStock(400, 1000),
    productInStock(250, 1000),
    freshSlot(1000),
  ]);
});

const body = (quantity = 1) => ({
  items: [
    { productId: mug.productId, quantity },
    { productId: tea.productId, quantity: 1 },
  ],
  deliverySlotId: slot.slotId,
});

describe('POST /orders with an Idempotency-Key', () => {
  it('answers 201, then 200 with the same order for the same key and body, placing it once', async () => {
    const customer = await customerWith(10_000);

    const first = await post(customer, body(), 'order-once');
    const repeat = await post(customer, body(), 'order-once');

    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ status: 'PENDING', total: 650 });
    expect(repeat.status).toBe(200);
    expect(repeat.body).toEqual(first.body);
    expect(repeat.headers.get('location')).toBe(`/orders/${first.body.orderId}`);
    expect((await ordersOf(customer)).map((order) => order.orderId)).toEqual([first.body.orderId]);
  });

  it('takes the same lines in another order as the same body', async () => {
    const customer = await customerWith(10_000);
    const first = await post(customer, body(), 'lines-any-order');

    const repeat = await post(
      customer,
      { ...body(), items: [...body().items].reverse() },
      'lines-any-order',
    );

    expect([first.status, repeat.status]).toEqual([201, 200]);
    expect(repeat.body.orderId).toBe(first.body.orderId);
  });

  it('answers 422 IDEMPOTENCY_KEY_REUSED for the same key with another body, changing nothing', async () => {
    const customer = await customerWith(10_000);
    const first = await post(customer, body(1), 'reused-key');
    await orderWhenEnded(customer, first.body.orderId);
    const before = await outsideState(customer, [mug.productId, tea.productId], slot);

    const reused = await post(customer, body(2), 'reused-key');
    const otherSlot = await post(
      customer,
      { ...body(1), deliverySlotId: 'elsewhere' },
      'reused-key',
    );

    expect(reused.status).toBe(422);
    expect(reused.body).toEqual(contractError('IDEMPOTENCY_KEY_REUSED'));
    expect(otherSlot.status).toBe(422);
    expect((await ordersOf(customer)).map((order) => order.orderId)).toEqual([first.body.orderId]);
    expect(await outsideState(customer, [mug.productId, tea.productId], slot)).toEqual(before);
  });

  it("places a new order for another user's same key and body", async () => {
    const [alice, bob] = await Promise.all([customerWith(10_000), customerWith(10_000)]);

    const hers = await post(alice, body(), 'shared-key');
    const his = await post(bob, body(), 'shared-key');

    expect([hers.status, his.status]).toEqual([201, 201]);
    expect(his.body.orderId).not.toBe(hers.body.orderId);
    expect(his.body.userId).toBe(bob.userId);
  });

  it('answers 400 VALIDATION_FAILED for a key of 129 characters, placing nothing', async () => {
    const customer = await customerWith(10_000);

    const response = await post(customer, body(), 'k'.repeat(129));

    expect(response.status).toBe(400);
    expect(response.body).toEqual(
      contractError('VALIDATION_FAILED', {
        details: [{ field: 'Idempotency-Key', message: 'must be 1 to 128 characters' }],
      }),
    );
    expect(await ordersOf(customer)).toEqual([]);
  });

  it('accepts a key of 128 characters', async () => {
    const customer = await customerWith(10_000);

    const response = await post(customer, body(), 'k'.repeat(128));

    expect(response.status).toBe(201);
  });

  it('places one order, holds and charges once and runs one saga for 20 identical requests at once', async () => {
    const customer = await customerWith(10_000);
    const [product, ownSlot] = await Promise.all([productInStock(700, 10), freshSlot(5)]);
    const order = {
      items: [{ productId: product.productId, quantity: 2 }],
      deliverySlotId: ownSlot.slotId,
    };

    const answers = await Promise.all(
      Array.from({ length: 20 }, () => post(customer, order, 'twenty-at-once')),
    );

    expect(countsOf(answers.map((answer) => answer.status))).toEqual({ 200: 19, 201: 1 });
    const orderId = answers[0]?.body.orderId;
    expect(answers.every((answer) => answer.body.orderId === orderId)).toBe(true);
    expect((await ordersOf(customer)).map((placed) => placed.orderId)).toEqual([orderId]);

    const ended = await orderWhenEnded(customer, orderId ?? '');
    expect(ended.status).toBe('CONFIRMED');
    const trace = await api.get<SagaTrace>(`/orders/${orderId}/saga`, { token: customer.token });
    expect(trace.body.steps.filter((step) => step.state === 'ReservePayment')).toHaveLength(1);
    expect(
      (await transactionsOf(customer)).map(({ type, amount }) => `${type} ${amount}`).sort(),
    ).toEqual(['CAPTURE 1400', 'DEPOSIT 10000', 'HOLD 1400']);
    expect(await outsideState(customer, [product.productId], ownSlot)).toMatchObject({
      wallet: { balance: 10_000 - 1400, held: 0 },
      stock: [{ onHand: 10, reserved: 2, available: 8 }],
      slot: { booked: 1 },
    });
  });
});
