import { handler as openWallet } from '../../../../functions/payments/handlers/open-wallet';
import { createPaymentsRepository } from '../../../../functions/payments/payments-repository';
import { lambdaContext } from '../../../support/lambda-context';
import { snsEventOf } from '../../../support/sns-event';
import { requiredEnv, uniqueId } from '../../../support/saga-fixtures';
import { snapshotTable } from '../../../support/table-snapshot';

const tableName = requiredEnv('PAYMENTS_TABLE_NAME');
const payments = createPaymentsRepository(tableName);

const snsEvent = snsEventOf('UserRegistered');

const userRegistered = (userId: string) => ({
  eventType: 'UserRegistered',
  userId,
  email: `${userId}@example.com`,
  name: 'Ada',
  occurredAt: new Date().toISOString(),
});

describe('OpenWallet (UserRegistered subscriber)', () => {
  it('opens a wallet with balance 0 for each registered user', async () => {
    const [first, second] = [uniqueId('user'), uniqueId('user')];

    await openWallet(snsEvent(userRegistered(first), userRegistered(second)), lambdaContext());

    for (const userId of [first, second]) {
      expect(await payments.getWallet(userId)).toMatchObject({
        userId,
        balance: 0,
        held: 0,
        available: 0,
      });
    }
  });

  it('leaves an existing wallet as it is when the event is delivered again', async () => {
    const userId = uniqueId('user');
    await openWallet(snsEvent(userRegistered(userId)), lambdaContext());
    await payments.deposit(userId, 2500);
    const before = await snapshotTable(tableName, [userId]);

    await openWallet(snsEvent(userRegistered(userId)), lambdaContext());

    expect(await snapshotTable(tableName, [userId])).toEqual(before);
    expect(await payments.getWallet(userId)).toMatchObject({ balance: 2500 });
  });

  it('rejects a message that does not match the UserRegistered schema and opens nothing', async () => {
    const userId = uniqueId('user');

    await expect(
      openWallet(snsEvent({ ...userRegistered(userId), role: 'admin' }), lambdaContext()),
    ).rejects.toMatchObject({ name: 'InvalidEventMessage' });
    await expect(openWallet(snsEvent('not json'), lambdaContext())).rejects.toMatchObject({
      name: 'InvalidEventMessage',
    });

    expect(await payments.getWallet(userId)).toBeUndefined();
  });
});

describe('payments repository', () => {
  it('adds a deposit to balance and available and records a DEPOSIT ledger entry', async () => {
    const userId = uniqueId('user');
    await payments.openWallet(userId);

    const { wallet } = await payments.deposit(userId, 4200);

    expect(wallet).toMatchObject({ balance: 4200, held: 0, available: 4200 });
    expect(await payments.listTransactions(userId)).toEqual([
      expect.objectContaining({ type: 'DEPOSIT', amount: 4200 }),
    ]);
  });

  it('refuses a deposit into a wallet that does not exist with NotFound', async () => {
    const userId = uniqueId('user');

    await expect(payments.deposit(userId, 100)).rejects.toMatchObject({ name: 'NotFound' });

    expect(await snapshotTable(tableName, [userId])).toEqual([]);
  });

  it('refuses a deposit that is not a positive integer amount with ValidationFailed', async () => {
    const userId = uniqueId('user');
    await payments.openWallet(userId);

    for (const amount of [0, -5, 1.5, 100_000_001]) {
      await expect(payments.deposit(userId, amount)).rejects.toMatchObject({
        name: 'ValidationFailed',
      });
    }
    expect(await payments.getWallet(userId)).toMatchObject({ balance: 0 });
  });

  it('reports whether openWallet created the wallet', async () => {
    const userId = uniqueId('user');

    await expect(payments.openWallet(userId)).resolves.toMatchObject({ created: true });
    await expect(payments.openWallet(userId)).resolves.toMatchObject({ created: false });
  });
});
