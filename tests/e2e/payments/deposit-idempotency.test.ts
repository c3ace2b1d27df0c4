import { contractError } from '../../support/contract-checks';
import { api, registerAndLogin, type TestUser } from '../../support/http-client';

// API.md "Wallet": POST /wallet/deposits honours Idempotency-Key like POST /orders: a repeat of
// the same key and body deposits nothing and answers 200 with the wallet as the first answer
// showed it.
jest.setTimeout(60_000);

interface Transaction {
  type: string;
  amount: number;
}

const currency = process.env.SHOP_CURRENCY ?? 'USD';
const wallet = (balance: number) => ({ balance, held: 0, available: balance, currency });

const depositWithKey = (user: TestUser, amount: number, key: string) =>
  api.post(
    '/wallet/deposits',
    { amount },
    { token: user.token, headers: { 'Idempotency-Key': key } },
  );

const walletNow = async (user: TestUser) => (await api.get('/wallet', { token: user.token })).body;

const depositsOf = async (user: TestUser): Promise<number[]> =>
  (
    await api.get<{ items: Transaction[] }>('/wallet/transactions?limit=100', {
      token: user.token,
    })
  ).body.items
    .filter((item) => item.type === 'DEPOSIT')
    .map((item) => item.amount);

describe('POST /wallet/deposits with an Idempotency-Key', () => {
  it('answers 201, then 200 with the wallet as it was for the same key and amount, depositing once', async () => {
    const user = await registerAndLogin();

    const first = await depositWithKey(user, 700, 'deposit-once');
    // Another deposit in between: the repeat still answers what the first request answered.
    await api.post('/wallet/deposits', { amount: 50 }, { token: user.token });
    const repeat = await depositWithKey(user, 700, 'deposit-once');

    expect(first).toMatchObject({ status: 201, body: wallet(700) });
    expect(repeat).toMatchObject({ status: 200, body: wallet(700) });
    expect(await walletNow(user)).toEqual(wallet(750));
    expect((await depositsOf(user)).sort()).toEqual([50, 700]);
  });

  it('answers 422 IDEMPOTENCY_KEY_REUSED for the same key with another amount, depositing nothing', async () => {
    const user = await registerAndLogin();
    await depositWithKey(user, 300, 'reused');

    const reused = await depositWithKey(user, 301, 'reused');

    expect(reused.status).toBe(422);
    expect(reused.body).toEqual(contractError('IDEMPOTENCY_KEY_REUSED'));
    expect(await walletNow(user)).toEqual(wallet(300));
  });

  it("deposits for another user's same key", async () => {
    const [alice, bob] = await Promise.all([registerAndLogin(), registerAndLogin()]);

    const hers = await depositWithKey(alice, 100, 'same-key');
    const his = await depositWithKey(bob, 100, 'same-key');

    expect([hers.status, his.status]).toEqual([201, 201]);
    expect(await walletNow(bob)).toEqual(wallet(100));
  });

  it('answers 400 VALIDATION_FAILED for a key of 129 characters, depositing nothing', async () => {
    const user = await registerAndLogin();

    const response = await depositWithKey(user, 100, 'k'.repeat(129));

    expect(response.status).toBe(400);
    expect(response.body).toEqual(
      contractError('VALIDATION_FAILED', {
        details: [{ field: 'Idempotency-Key', message: 'must be 1 to 128 characters' }],
      }),
    );
    expect(await walletNow(user)).toEqual(wallet(0));
  });

  it('raises the balance once for 20 identical requests at once, all answered with the same wallet', async () => {
    const user = await registerAndLogin();

    const answers = await Promise.all(
      Array.from({ length: 20 }, () => depositWithKey(user, 2500, 'twenty-at-once')),
    );

    expect(answers.filter((answer) => answer.status === 201)).toHaveLength(1);
    expect(answers.filter((answer) => answer.status === 200)).toHaveLength(19);
    expect(answers.map((answer) => answer.body)).toEqual(
      Array.from({ length: 20 }, () => wallet(2500)),
    );
    expect(await walletNow(user)).toEqual(wallet(2500));
    expect(await depositsOf(user)).toEqual([2500]);
  });
});
