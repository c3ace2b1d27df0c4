import {
  assertMovedAmount,
  assertWithdrawable,
  assertShopCurrency,
  newWallet,
  planCapture,
  planRelease,
  planReserve,
  type Hold,
  type HoldStatus,
  type Wallet,
  walletBalance,
} from '../../../../functions/payments/domain/wallet';
import { thrownBy } from '../../../support/thrown';

const wallet = (balance: number, held: number): Wallet => ({
  userId: 'u-1',
  balance,
  held,
  available: balance - held,
  createdAt: '2030-01-01T00:00:00.000Z',
});

const hold = (status: HoldStatus, amount = 500): Hold => ({
  userId: 'u-1',
  orderId: 'o-1',
  amount,
  status,
  createdAt: '2030-01-01T00:00:00.000Z',
  updatedAt: '2030-01-01T00:00:00.000Z',
});

describe('planReserve', () => {
  it('holds the total when the available amount covers it exactly', () => {
    expect(planReserve(wallet(1500, 1000), undefined, 500)).toEqual({
      action: 'HOLD',
      amount: 500,
    });
  });

  it('declines with PaymentDeclined when balance - held is below the total', () => {
    expect(thrownBy(() => planReserve(wallet(1500, 1001), undefined, 500))).toMatchObject({
      name: 'PaymentDeclined',
    });
  });

  it('declines with PaymentDeclined when there is no wallet', () => {
    expect(thrownBy(() => planReserve(undefined, undefined, 0))).toMatchObject({
      name: 'PaymentDeclined',
    });
  });

  it('does nothing when the order already holds or has been charged', () => {
    for (const status of ['HELD', 'CAPTURED'] as const) {
      expect(planReserve(wallet(0, 0), hold(status), 500)).toEqual({
        action: 'NONE',
        outcome: 'ALREADY_HELD',
      });
    }
  });

  it('never holds after a release, even when the wallet could afford it', () => {
    for (const status of ['RELEASED', 'REFUNDED', 'VOID'] as const) {
      expect(planReserve(wallet(10_000, 0), hold(status), 500)).toEqual({
        action: 'NONE',
        outcome: 'ALREADY_RELEASED',
      });
    }
  });
});

describe('planCapture', () => {
  it('captures the held amount', () => {
    expect(planCapture(hold('HELD', 700))).toEqual({ action: 'CAPTURE', amount: 700 });
  });

  it('does nothing when already captured', () => {
    expect(planCapture(hold('CAPTURED'))).toEqual({ action: 'NONE', outcome: 'ALREADY_CAPTURED' });
  });

  it.each([undefined, hold('RELEASED'), hold('REFUNDED'), hold('VOID')])(
    'fails with NoHoldToCapture when nothing is held (%o)',
    (existing) => {
      expect(thrownBy(() => planCapture(existing))).toMatchObject({ name: 'NoHoldToCapture' });
    },
  );
});

describe('planRelease', () => {
  it('releases a held amount', () => {
    expect(planRelease(hold('HELD', 300))).toEqual({ action: 'RELEASE_HOLD', amount: 300 });
  });

  it('refunds a captured amount', () => {
    expect(planRelease(hold('CAPTURED', 300))).toEqual({ action: 'REFUND', amount: 300 });
  });

  it('leaves a tombstone when nothing was held', () => {
    expect(planRelease(undefined)).toEqual({ action: 'VOID' });
  });

  it.each(['RELEASED', 'REFUNDED', 'VOID'] as const)('does nothing when already %s', (status) => {
    expect(planRelease(hold(status))).toEqual({ action: 'NONE', outcome: 'ALREADY_RELEASED' });
  });
});

describe('wallet rules', () => {
  it('opens a wallet with nothing in it', () => {
    expect(newWallet('u-1', 'now')).toEqual({
      userId: 'u-1',
      balance: 0,
      held: 0,
      available: 0,
      createdAt: 'now',
    });
  });

  it('accepts deposits from 1 to 100000000 whole cents only', () => {
    expect(() => assertMovedAmount(1)).not.toThrow();
    expect(() => assertMovedAmount(100_000_000)).not.toThrow();
    for (const amount of [0, -1, 0.5, 100_000_001, Number.NaN]) {
      expect(thrownBy(() => assertMovedAmount(amount))).toMatchObject({
        name: 'ValidationFailed',
      });
    }
  });

  it('shows the owner balance, held, available and the shop currency', () => {
    const wallet = { ...newWallet('u-1', 'now'), balance: 900, held: 200, available: 700 };

    expect(walletBalance(wallet, 'EUR')).toEqual({
      balance: 900,
      held: 200,
      available: 700,
      currency: 'EUR',
    });
  });

  it('shows zeros for a wallet the UserRegistered event has not opened yet', () => {
    expect(walletBalance(undefined, 'USD')).toEqual({
      balance: 0,
      held: 0,
      available: 0,
      currency: 'USD',
    });
  });

  it('names the amount field when it refuses a deposit', () => {
    expect(thrownBy(() => assertMovedAmount(0))).toMatchObject({
      details: [{ field: 'amount', message: expect.any(String) as unknown }],
    });
  });

  it('lets a withdrawal take what is available, not what is held', () => {
    const wallet = { ...newWallet('u-1', 'now'), balance: 900, held: 200, available: 700 };

    expect(() => assertWithdrawable(wallet, 700)).not.toThrow();
    expect(thrownBy(() => assertWithdrawable(wallet, 701))).toMatchObject({
      name: 'InsufficientFunds',
    });
  });

  it('refuses any withdrawal from a wallet that is not open yet with InsufficientFunds', () => {
    expect(thrownBy(() => assertWithdrawable(undefined, 1))).toMatchObject({
      name: 'InsufficientFunds',
    });
  });

  it('refuses an order in another currency than the shop with CurrencyMismatch', () => {
    expect(() => assertShopCurrency('USD', 'USD')).not.toThrow();
    expect(thrownBy(() => assertShopCurrency('EUR', 'USD'))).toMatchObject({
      name: 'CurrencyMismatch',
    });
  });
});
