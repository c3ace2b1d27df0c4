import { createPaymentsRepository } from '../../../functions/payments/payments-repository';
import { newUuidV7 } from '../../../functions/lib/uuid-v7';
import { requiredEnv, uniqueId } from '../../support/saga-fixtures';

const payments = createPaymentsRepository(requiredEnv('PAYMENTS_TABLE_NAME'));

describe('payments repository: deposits by the owner', () => {
  it('opens a wallet the UserRegistered event has not opened yet, then deposits', async () => {
    const userId = uniqueId('user');

    const { wallet } = await payments.depositOpening(userId, 700);

    expect(wallet).toMatchObject({ userId, balance: 700, held: 0, available: 700 });
    expect(await payments.openWallet(userId)).toMatchObject({ created: false });
  });

  it('deposits into an open wallet, keeping what was there', async () => {
    const userId = uniqueId('user');
    await payments.openWallet(userId);
    await payments.depositOpening(userId, 100);

    await expect(payments.depositOpening(userId, 250)).resolves.toMatchObject({
      wallet: { balance: 350, available: 350 },
      transaction: { type: 'DEPOSIT', amount: 250 },
    });
  });

  it('refuses an amount outside 1..100000000 with ValidationFailed and opens nothing', async () => {
    const userId = uniqueId('user');

    await expect(payments.depositOpening(userId, 0)).rejects.toMatchObject({
      name: 'ValidationFailed',
    });
    expect(await payments.getWallet(userId)).toBeUndefined();
  });
});

describe('payments repository: a movement under a transactionId (an Idempotency-Key operation id)', () => {
  it('credits a deposit once however often and however concurrently it is run again', async () => {
    const userId = uniqueId('user');
    const transactionId = newUuidV7();

    const runs = await Promise.all(
      [1, 2, 3].map(() => payments.depositOpening(userId, 400, undefined, transactionId)),
    );
    const later = await payments.depositOpening(userId, 400, undefined, transactionId);

    expect(new Set([...runs, later].map((run) => run.transaction.transactionId))).toEqual(
      new Set([transactionId]),
    );
    expect([...runs, later].filter((run) => !run.earlier)).toHaveLength(1);
    expect(later.earlier).toBe(true);
    expect(await payments.getWallet(userId)).toMatchObject({ balance: 400, available: 400 });
    expect(await payments.listTransactions(userId)).toEqual([later.transaction]);
  });

  it('takes a withdrawal once, and answers the run after it even when too little is left for a second', async () => {
    const userId = uniqueId('user');
    await payments.depositOpening(userId, 500);
    const transactionId = newUuidV7();

    await payments.withdraw(userId, 300, undefined, transactionId);
    const again = await payments.withdraw(userId, 300, undefined, transactionId);

    expect(again).toMatchObject({
      earlier: true,
      wallet: { balance: 200, available: 200 },
      transaction: { transactionId, type: 'WITHDRAWAL', amount: 300 },
    });
  });
});

describe('payments repository: the ledger a page at a time', () => {
  it('pages the transactions newest first and gives no cursor on the last page', async () => {
    const userId = uniqueId('user');
    for (const amount of [1, 2, 3]) await payments.depositOpening(userId, amount);

    const first = await payments.pageTransactions(userId, { limit: 2 });
    const second = await payments.pageTransactions(userId, {
      limit: 2,
      cursor: first.nextCursor,
    });

    expect(first.items.map((tx) => tx.amount)).toEqual([3, 2]);
    expect(first.nextCursor).toEqual(expect.any(String));
    expect(second).toEqual({ items: [expect.objectContaining({ amount: 1, type: 'DEPOSIT' })] });
  });

  it("refuses another wallet's cursor with ValidationFailed", async () => {
    const [owner, other] = [uniqueId('user'), uniqueId('user')];
    for (const amount of [1, 2]) await payments.depositOpening(other, amount);
    const { nextCursor } = await payments.pageTransactions(other, { limit: 1 });

    await expect(
      payments.pageTransactions(owner, { limit: 1, cursor: nextCursor }),
    ).rejects.toMatchObject({ name: 'ValidationFailed' });
  });
});

describe('payments repository: withdrawals', () => {
  it('takes the amount out of balance and available and records a WITHDRAWAL', async () => {
    const userId = uniqueId('user');
    await payments.depositOpening(userId, 1_000);

    const { wallet, transaction } = await payments.withdraw(userId, 400);

    expect(wallet).toMatchObject({ balance: 600, held: 0, available: 600 });
    expect(transaction).toMatchObject({ type: 'WITHDRAWAL', amount: 400 });
    expect((await payments.listTransactions(userId))[0]).toEqual(transaction);
  });

  it('refuses money held for an order with InsufficientFunds, changing nothing', async () => {
    const userId = uniqueId('user');
    await payments.depositOpening(userId, 1_000);
    await payments.reserveForOrder({ userId, orderId: uniqueId('order'), amount: 700 });

    await expect(payments.withdraw(userId, 301)).rejects.toMatchObject({
      name: 'InsufficientFunds',
    });
    await expect(payments.withdraw(userId, 300)).resolves.toMatchObject({
      wallet: { balance: 700, held: 700, available: 0 },
    });
  });

  it('refuses a user with no wallet with InsufficientFunds, opening none', async () => {
    const userId = uniqueId('user');

    await expect(payments.withdraw(userId, 1)).rejects.toMatchObject({
      name: 'InsufficientFunds',
    });
    expect(await payments.getWallet(userId)).toBeUndefined();
  });
});
