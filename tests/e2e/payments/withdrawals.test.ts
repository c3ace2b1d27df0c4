import { contractError } from '../../support/contract-checks';
import { api, type TestUser } from '../../support/http-client';
import {
  customerWith,
  freshSlot,
  notificationsUntil,
  orderWhenEnded,
  placeOrder,
  productInStock,
  walletOf,
  type Page,
} from '../../support/shop-scenario';

// API.md "Wallet": POST /wallet/withdrawals takes `amount` out of the available money, refuses
// more with 409 INSUFFICIENT_FUNDS, honours Idempotency-Key, and concurrent withdrawals and
// orders never take the balance below zero or below what is held.
jest.setTimeout(60_000);

interface Transaction {
  transactionId: string;
  type: string;
  amount: number;
}

const currency = process.env.SHOP_CURRENCY ?? 'USD';
const wallet = (balance: number) => ({ balance, held: 0, available: balance, currency });

const withdraw = (customer: TestUser, amount: number, key?: string) =>
  api.post(
    '/wallet/withdrawals',
    { amount },
    {
      token: customer.token,
      ...(key !== undefined ? { headers: { 'Idempotency-Key': key } } : {}),
    },
  );

const withdrawalsOf = async (customer: TestUser): Promise<number[]> =>
  (
    await api.get<Page<Transaction>>('/wallet/transactions?limit=100', { token: customer.token })
  ).body.items
    .filter((item) => item.type === 'WITHDRAWAL')
    .map((item) => item.amount);

describe('POST /wallet/withdrawals (user)', () => {
  it('takes the amount out and answers 201 with the wallet, recording a WITHDRAWAL', async () => {
    const customer = await customerWith(1_000);

    const response = await withdraw(customer, 300);

    expect(response.status).toBe(201);
    expect(response.body).toEqual(wallet(700));
    expect(await walletOf(customer)).toEqual(wallet(700));
    expect(await withdrawalsOf(customer)).toEqual([300]);
  });

  it('answers 409 INSUFFICIENT_FUNDS above the available amount, changing nothing', async () => {
    const customer = await customerWith(1_000);

    const response = await withdraw(customer, 1_001);

    expect(response.status).toBe(409);
    expect(response.body).toEqual(contractError('INSUFFICIENT_FUNDS'));
    expect(await walletOf(customer)).toEqual(wallet(1_000));
    expect(await withdrawalsOf(customer)).toEqual([]);
  });

  it('answers 409 INSUFFICIENT_FUNDS to a user who never deposited', async () => {
    const customer = await customerWith(0);

    const response = await withdraw(customer, 1);

    expect(response.status).toBe(409);
    expect(await walletOf(customer)).toEqual(wallet(0));
  });

  it('withdraws once for a repeated Idempotency-Key, and refuses the key with another amount', async () => {
    const customer = await customerWith(1_000);

    const first = await withdraw(customer, 250, 'withdraw-once');
    const repeat = await withdraw(customer, 250, 'withdraw-once');
    const reused = await withdraw(customer, 251, 'withdraw-once');

    expect(first).toMatchObject({ status: 201, body: wallet(750) });
    expect(repeat).toMatchObject({ status: 200, body: wallet(750) });
    expect(reused.status).toBe(422);
    expect(reused.body).toEqual(contractError('IDEMPOTENCY_KEY_REUSED'));
    expect(await walletOf(customer)).toEqual(wallet(750));
    expect(await withdrawalsOf(customer)).toEqual([250]);
  });

  it('lets exactly 5 of 20 parallel withdrawals through when the balance covers 5', async () => {
    const customer = await customerWith(500);

    const answers = await Promise.all(Array.from({ length: 20 }, () => withdraw(customer, 100)));

    expect(answers.filter((answer) => answer.status === 201)).toHaveLength(5);
    const refused = answers.filter((answer) => answer.status !== 201);
    expect(refused.map((answer) => answer.status)).toEqual(Array.from({ length: 15 }, () => 409));
    expect(refused.map((answer) => answer.body)).toEqual(
      Array.from({ length: 15 }, () => contractError('INSUFFICIENT_FUNDS')),
    );
    for (const answer of answers.filter((each) => each.status === 201)) {
      expect(answer.body).toMatchObject({ held: 0, currency });
      expect((answer.body as { balance: number }).balance).toBeGreaterThanOrEqual(0);
    }
    expect(await walletOf(customer)).toEqual(wallet(0));
    expect(await withdrawalsOf(customer)).toEqual([100, 100, 100, 100, 100]);
  });

  it('never takes the balance below what an order holds when withdrawals race the order', async () => {
    const customer = await customerWith(1_000);
    const [product, slot] = await Promise.all([productInStock(600, 5), freshSlot(5)]);

    const [placed, ...answers] = await Promise.all([
      placeOrder(customer, [{ productId: product.productId, quantity: 1 }], slot.slotId),
      ...Array.from({ length: 10 }, () => withdraw(customer, 100)),
    ]);
    expect(placed.status).toBe(201);
    const order = await orderWhenEnded(customer, placed.body.orderId);

    const withdrawn = answers.filter((answer) => answer.status === 201).length * 100;
    const charged = order.status === 'CONFIRMED' ? 600 : 0;
    expect(order.status === 'CONFIRMED' || order.cancellationReason === 'PAYMENT_DECLINED').toBe(
      true,
    );
    expect(answers.every((answer) => answer.status === 201 || answer.status === 409)).toBe(true);
    expect(withdrawn + charged).toBeLessThanOrEqual(1_000);
    expect(await walletOf(customer)).toEqual(wallet(1_000 - withdrawn - charged));
  });

  it('records DEPOSIT_RECEIVED and WITHDRAWAL_MADE notifications naming the amounts', async () => {
    const customer = await customerWith(1_234);
    await withdraw(customer, 234);

    const items = await notificationsUntil(
      customer,
      (found) =>
        found.some((item) => item.type === 'DEPOSIT_RECEIVED') &&
        found.some((item) => item.type === 'WITHDRAWAL_MADE'),
    );

    const wallets = items.filter((item) => item.type !== 'WELCOME');
    expect(wallets).toHaveLength(2);
    expect(wallets.find((item) => item.type === 'DEPOSIT_RECEIVED')?.message).toContain('$12.34');
    expect(wallets.find((item) => item.type === 'WITHDRAWAL_MADE')?.message).toContain('$2.34');
    expect(wallets.every((item) => item.orderId === undefined)).toBe(true);
  });
});
