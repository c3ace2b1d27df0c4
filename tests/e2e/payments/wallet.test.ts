import { encodeCursor } from '../../../functions/lib/dynamo/pagination';
import { badBodies, contractError } from '../../support/contract-checks';
import { api, registerAndLogin, type TestUser } from '../../support/http-client';

// Over HTTP against the shared embedded stack: a function's first call starts its worker, and
// the machine may be busy with other suites.
jest.setTimeout(30_000);

interface Transaction {
  transactionId: string;
  type: string;
  amount: number;
  orderId?: string;
  createdAt: string;
}
interface TransactionPage {
  items: Transaction[];
  nextCursor?: string;
}

const currency = process.env.SHOP_CURRENCY ?? 'USD';
const wallet = (balance: number, held = 0) => ({
  balance,
  held,
  available: balance - held,
  currency,
});

const deposit = async (user: TestUser, amount: number) => {
  const response = await api.post('/wallet/deposits', { amount }, { token: user.token });
  expect(response.status).toBe(201);
  return response.body;
};

describe('GET /wallet (user)', () => {
  it('shows a new user an empty wallet in the shop currency', async () => {
    const user = await registerAndLogin();

    const response = await api.get('/wallet', { token: user.token });

    expect(response.status).toBe(200);
    expect(response.body).toEqual(wallet(0));
  });

  it('answers 401 UNAUTHENTICATED without a token', async () => {
    const response = await api.get('/wallet');

    expect(response.status).toBe(401);
    expect(response.body).toEqual(contractError('UNAUTHENTICATED'));
  });
});

describe('POST /wallet/deposits (user)', () => {
  it('adds the amount and answers 201 with the wallet', async () => {
    const user = await registerAndLogin();

    const response = await api.post('/wallet/deposits', { amount: 2500 }, { token: user.token });

    expect(response.status).toBe(201);
    expect(response.body).toEqual(wallet(2500));
    expect((await api.get('/wallet', { token: user.token })).body).toEqual(wallet(2500));
  });

  it('adds up deposits, from 1 to 100000000 each', async () => {
    const user = await registerAndLogin();

    await deposit(user, 1);

    expect(await deposit(user, 100_000_000)).toEqual(wallet(100_000_001));
  });

  it("changes only the caller's wallet", async () => {
    const [payer, other] = await Promise.all([registerAndLogin(), registerAndLogin()]);

    await deposit(payer, 300);

    expect((await api.get('/wallet', { token: other.token })).body).toEqual(wallet(0));
  });

  it('accepts an Idempotency-Key header', async () => {
    const user = await registerAndLogin();

    const response = await api.post(
      '/wallet/deposits',
      { amount: 40 },
      { token: user.token, headers: { 'idempotency-key': 'deposit-1' } },
    );

    expect(response.status).toBe(201);
  });

  it('answers 401 UNAUTHENTICATED without a token', async () => {
    const response = await api.post('/wallet/deposits', { amount: 100 });

    expect(response.status).toBe(401);
    expect(response.body).toEqual(contractError('UNAUTHENTICATED'));
  });

  describe('with a body the contract refuses', () => {
    let user: TestUser;
    beforeAll(async () => {
      user = await registerAndLogin();
      await deposit(user, 500);
    });

    it.each(
      badBodies(
        { amount: 100 },
        {
          required: ['amount'],
          wrongValues: [
            ['amount', 0],
            ['amount', -100],
            ['amount', 1.5],
            ['amount', '100'],
            ['amount', null],
            ['amount', 100_000_001],
          ],
          unknown: [
            ['userId', 'someone-else'],
            ['balance', 1_000_000],
            ['currency', 'EUR'],
          ],
        },
      ),
    )('answers %s with 400 and changes nothing', async (_, rawBody, expected) => {
      const response = await api.post('/wallet/deposits', undefined, {
        token: user.token,
        rawBody,
      });

      expect(response.status).toBe(400);
      expect(response.body).toEqual(expected);
      expect((await api.get('/wallet', { token: user.token })).body).toEqual(wallet(500));
    });
  });
});

describe('GET /wallet/transactions (user)', () => {
  it('lists nothing for a new user', async () => {
    const user = await registerAndLogin();

    const response = await api.get('/wallet/transactions', { token: user.token });

    expect(response.status).toBe(200);
    expect(response.body).toEqual({ items: [] });
  });

  it('lists the deposits newest first', async () => {
    const user = await registerAndLogin();
    for (const amount of [100, 200, 300]) await deposit(user, amount);

    const response = await api.get<TransactionPage>('/wallet/transactions', {
      token: user.token,
    });

    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      items: [300, 200, 100].map((amount) => ({
        transactionId: expect.any(String) as unknown,
        type: 'DEPOSIT',
        amount,
        createdAt: expect.any(String) as unknown,
      })),
    });
  });

  it('pages with limit and cursor, and the last page has no cursor', async () => {
    const user = await registerAndLogin();
    for (const amount of [1, 2, 3]) await deposit(user, amount);

    const first = await api.get<TransactionPage>('/wallet/transactions?limit=2', {
      token: user.token,
    });
    const second = await api.get<TransactionPage>(
      `/wallet/transactions?limit=2&cursor=${encodeURIComponent(first.body.nextCursor ?? '')}`,
      { token: user.token },
    );

    expect(first.body.items.map((item) => item.amount)).toEqual([3, 2]);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    expect(second.status).toBe(200);
    expect(second.body.items.map((item) => item.amount)).toEqual([1]);
    expect(second.body.nextCursor).toBeUndefined();
  });

  it("answers 400 to another user's cursor, never showing their ledger", async () => {
    const [owner, other] = await Promise.all([registerAndLogin(), registerAndLogin()]);
    for (const amount of [1, 2]) await deposit(owner, amount);
    const { nextCursor } = (
      await api.get<TransactionPage>('/wallet/transactions?limit=1', { token: owner.token })
    ).body;

    const response = await api.get(
      `/wallet/transactions?cursor=${encodeURIComponent(nextCursor ?? '')}`,
      { token: other.token },
    );

    expect(response.status).toBe(400);
    expect(response.body).toEqual(
      contractError('VALIDATION_FAILED', {
        details: [{ field: 'cursor', message: 'Invalid cursor' }],
      }),
    );
  });

  describe('with a query the contract refuses', () => {
    let user: TestUser;
    beforeAll(async () => {
      user = await registerAndLogin();
    });

    it.each([
      ['a limit of 0', '?limit=0', 'limit'],
      ['a limit over 100', '?limit=101', 'limit'],
      ['a tampered cursor', `?cursor=${encodeCursor({ pk: 'WALLET#x', sk: 'X' })}`, 'cursor'],
      ['a cursor that is not base64 JSON', '?cursor=%25%25', 'cursor'],
      ['an unknown parameter', '?userId=someone', 'userId'],
    ])('answers %s with 400 VALIDATION_FAILED', async (_, query, field) => {
      const response = await api.get(`/wallet/transactions${query}`, { token: user.token });

      expect(response.status).toBe(400);
      expect(response.body).toEqual(
        contractError('VALIDATION_FAILED', {
          details: [expect.objectContaining({ field }) as unknown],
        }),
      );
    });
  });

  it('answers 401 UNAUTHENTICATED without a token', async () => {
    const response = await api.get('/wallet/transactions');

    expect(response.status).toBe(401);
    expect(response.body).toEqual(contractError('UNAUTHENTICATED'));
  });
});
