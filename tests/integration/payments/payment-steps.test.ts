import { handler as capturePayment } from '../../../functions/payments/handlers/capture-payment';
import { createPaymentsRepository } from '../../../functions/payments/payments-repository';
import { handler as releasePayment } from '../../../functions/payments/handlers/release-payment';
import { handler as reservePayment } from '../../../functions/payments/handlers/reserve-payment';
import type { OrderSagaInput } from '../../../contracts/order-saga';
import { invokeStep, type SagaHandler } from '../../support/lambda-context';
import { requiredEnv, sagaInput, uniqueId } from '../../support/saga-fixtures';
import { snapshotTable } from '../../support/table-snapshot';

const tableName = requiredEnv('PAYMENTS_TABLE_NAME');
const payments = createPaymentsRepository(tableName);

/** A user with a wallet holding `balance`, and an order input for `total`. */
const walletWith = async (balance: number, total = 1000) => {
  const input = sagaInput({ total });
  await payments.openWallet(input.userId);
  if (balance > 0) await payments.deposit(input.userId, balance);
  return input;
};

const snapshot = (input: OrderSagaInput) => snapshotTable(tableName, [input.userId]);

const expectIdempotent = async (step: SagaHandler, input: OrderSagaInput) => {
  await invokeStep(step, input);
  const afterOnce = await snapshot(input);
  await expect(invokeStep(step, input)).resolves.toBeDefined();
  expect(await snapshot(input)).toEqual(afterOnce);
};

describe('ReservePayment', () => {
  it('holds the total and records a HOLD ledger entry when the wallet can afford it', async () => {
    const input = await walletWith(5000, 1200);

    await expect(invokeStep(reservePayment, input)).resolves.toEqual({ outcome: 'HELD' });

    expect(await payments.getWallet(input.userId)).toMatchObject({
      balance: 5000,
      held: 1200,
      available: 3800,
    });
    expect(await payments.getHold(input.userId, input.orderId)).toMatchObject({
      amount: 1200,
      status: 'HELD',
    });
    const [latest] = await payments.listTransactions(input.userId);
    expect(latest).toMatchObject({ type: 'HOLD', amount: 1200, orderId: input.orderId });
  });

  it('declines with PaymentDeclined and changes nothing when the available amount is below the total', async () => {
    const input = await walletWith(999, 1000);
    const before = await snapshot(input);

    await expect(invokeStep(reservePayment, input)).rejects.toMatchObject({
      name: 'PaymentDeclined',
    });

    expect(await snapshot(input)).toEqual(before);
  });

  it('counts amounts already held for other orders against the available amount', async () => {
    const first = await walletWith(1500, 1000);
    const second = { ...first, orderId: uniqueId('order') };
    await invokeStep(reservePayment, first);
    const before = await snapshot(first);

    await expect(invokeStep(reservePayment, second)).rejects.toMatchObject({
      name: 'PaymentDeclined',
    });

    expect(await snapshot(first)).toEqual(before);
  });

  it('declines with PaymentDeclined and writes nothing when the user has no wallet', async () => {
    const input = sagaInput();

    await expect(invokeStep(reservePayment, input)).rejects.toMatchObject({
      name: 'PaymentDeclined',
    });

    expect(await snapshot(input)).toEqual([]);
  });

  it('holds once when invoked twice for the same order', async () => {
    const input = await walletWith(5000);

    await expectIdempotent(reservePayment, input);

    expect(await payments.getWallet(input.userId)).toMatchObject({ held: 1000, available: 4000 });
  });

  it('never holds money for an order whose payment was already released', async () => {
    const input = await walletWith(5000);
    await invokeStep(releasePayment, input);
    const before = await snapshot(input);

    await expect(invokeStep(reservePayment, input)).resolves.toEqual({
      outcome: 'ALREADY_RELEASED',
    });

    expect(await snapshot(input)).toEqual(before);
  });

  it('holds for exactly 5 of 20 parallel orders on a wallet that affords 5', async () => {
    const base = await walletWith(5000, 1000);
    const inputs = Array.from({ length: 20 }, () => ({ ...base, orderId: uniqueId('order') }));

    const results = await Promise.allSettled(
      inputs.map((input) => invokeStep(reservePayment, input)),
    );

    const held = results.filter((result) => result.status === 'fulfilled');
    const declined = results.filter(
      (result) =>
        result.status === 'rejected' && (result.reason as Error).name === 'PaymentDeclined',
    );
    expect(held).toHaveLength(5);
    expect(declined).toHaveLength(15);
    expect(await payments.getWallet(base.userId)).toMatchObject({
      balance: 5000,
      held: 5000,
      available: 0,
    });
    const holds = await payments.listTransactions(base.userId);
    expect(holds.filter((entry) => entry.type === 'HOLD')).toHaveLength(5);
  });

  it('rejects an input that does not match the saga input schema', async () => {
    const input = { ...sagaInput(), unexpected: true };

    await expect(invokeStep(reservePayment, input)).rejects.toMatchObject({
      name: 'InvalidSagaInput',
    });
  });
});

describe('CapturePayment', () => {
  it('turns the hold into a charge and records a CAPTURE ledger entry', async () => {
    const input = await walletWith(5000, 1200);
    await invokeStep(reservePayment, input);

    await expect(invokeStep(capturePayment, input)).resolves.toEqual({ outcome: 'CAPTURED' });

    expect(await payments.getWallet(input.userId)).toMatchObject({
      balance: 3800,
      held: 0,
      available: 3800,
    });
    expect(await payments.getHold(input.userId, input.orderId)).toMatchObject({
      status: 'CAPTURED',
    });
    const [latest] = await payments.listTransactions(input.userId);
    expect(latest).toMatchObject({ type: 'CAPTURE', amount: 1200, orderId: input.orderId });
  });

  it('captures once when invoked twice for the same order', async () => {
    const input = await walletWith(5000);
    await invokeStep(reservePayment, input);

    await expectIdempotent(capturePayment, input);

    expect(await payments.getWallet(input.userId)).toMatchObject({ balance: 4000, held: 0 });
  });

  it('fails with NoHoldToCapture and changes nothing when nothing is held for the order', async () => {
    const input = await walletWith(5000);
    const before = await snapshot(input);

    await expect(invokeStep(capturePayment, input)).rejects.toMatchObject({
      name: 'NoHoldToCapture',
    });

    expect(await snapshot(input)).toEqual(before);
  });
});

describe('ReleasePayment', () => {
  it('releases a held amount, leaving the wallet exactly as before the hold', async () => {
    const input = await walletWith(5000);
    const walletBefore = await snapshotTable(tableName, [input.userId]).then((items) =>
      items.find((item) => item.sk === 'WALLET'),
    );
    await invokeStep(reservePayment, input);

    await expect(invokeStep(releasePayment, input)).resolves.toEqual({ outcome: 'RELEASED' });

    const walletAfter = (await snapshot(input)).find((item) => item.sk === 'WALLET');
    expect(walletAfter).toEqual(walletBefore);
    const [latest] = await payments.listTransactions(input.userId);
    expect(latest).toMatchObject({ type: 'RELEASE', amount: 1000, orderId: input.orderId });
  });

  it('refunds a captured payment, leaving the wallet exactly as before the hold', async () => {
    const input = await walletWith(5000);
    const walletBefore = (await snapshot(input)).find((item) => item.sk === 'WALLET');
    await invokeStep(reservePayment, input);
    await invokeStep(capturePayment, input);

    await expect(invokeStep(releasePayment, input)).resolves.toEqual({ outcome: 'REFUNDED' });

    expect((await snapshot(input)).find((item) => item.sk === 'WALLET')).toEqual(walletBefore);
    const [latest] = await payments.listTransactions(input.userId);
    expect(latest).toMatchObject({ type: 'RELEASE', amount: 1000, orderId: input.orderId });
  });

  it('succeeds without touching the wallet or the ledger when nothing was held', async () => {
    const input = await walletWith(5000);
    const before = await snapshot(input);

    await expect(invokeStep(releasePayment, input)).resolves.toEqual({
      outcome: 'NOTHING_TO_RELEASE',
    });

    const after = await snapshot(input);
    expect(after.filter((item) => !String(item.sk).startsWith('HOLD#'))).toEqual(before);
    expect(await payments.getHold(input.userId, input.orderId)).toMatchObject({ status: 'VOID' });
  });

  it('releases a hold once when invoked twice', async () => {
    const input = await walletWith(5000);
    await invokeStep(reservePayment, input);

    await expectIdempotent(releasePayment, input);
  });

  it('refunds a capture once when invoked twice', async () => {
    const input = await walletWith(5000);
    await invokeStep(reservePayment, input);
    await invokeStep(capturePayment, input);

    await expectIdempotent(releasePayment, input);

    expect(await payments.getWallet(input.userId)).toMatchObject({ balance: 5000, held: 0 });
  });

  it('leaves the same state when invoked twice with nothing held', async () => {
    const input = await walletWith(5000);

    await expectIdempotent(releasePayment, input);
  });

  it('settles one way when a reservation races its release', async () => {
    const input = await walletWith(5000);

    await Promise.allSettled([
      invokeStep(reservePayment, input),
      invokeStep(releasePayment, input),
    ]);

    const wallet = await payments.getWallet(input.userId);
    const hold = await payments.getHold(input.userId, input.orderId);
    // Either the release came first (tombstone, nothing held) or it released the hold.
    expect(['VOID', 'RELEASED']).toContain(hold?.status);
    expect(wallet).toMatchObject({ balance: 5000, held: 0, available: 5000 });
  });
});
