import { ValidationFailed } from '../../lib/errors';
import { MAX_DEPOSIT } from '../../../contracts/limits';
import { CurrencyMismatch, InsufficientFunds, NoHoldToCapture, PaymentDeclined } from './errors';
import type {
  TransactionType,
  WalletTransaction,
  WalletBalance,
} from '../../../contracts/http/payments';

export type { TransactionType, WalletTransaction, WalletBalance };

export interface Wallet {
  userId: string;
  balance: number;
  held: number;
  /** balance - held */
  available: number;
  createdAt: string;
}

/**
 * HELD and CAPTURED move money; RELEASED (a hold given back) and REFUNDED (a
 * capture given back) are final; VOID is the tombstone a release leaves when
 * there was nothing to release, so a late reservation can never hold money.
 */
export type HoldStatus = 'HELD' | 'CAPTURED' | 'RELEASED' | 'REFUNDED' | 'VOID';

export interface Hold {
  userId: string;
  orderId: string;
  amount: number;
  status: HoldStatus;
  createdAt: string;
  updatedAt: string;
}

export const newWallet = (userId: string, now: string): Wallet => ({
  userId,
  balance: 0,
  held: 0,
  available: 0,
  createdAt: now,
});

/**
 * A user whose wallet the UserRegistered event has not opened yet (it is asynchronous) has
 * nothing in it: the same answer an open, empty wallet gives.
 */
export const walletBalance = (wallet: Wallet | undefined, currency: string): WalletBalance => ({
  balance: wallet?.balance ?? 0,
  held: wallet?.held ?? 0,
  available: wallet?.available ?? 0,
  currency,
});

export const assertMovedAmount = (amount: number): void => {
  if (!Number.isInteger(amount) || amount < 1 || amount > MAX_DEPOSIT) {
    throw new ValidationFailed(`amount must be an integer from 1 to ${MAX_DEPOSIT}`, {
      details: [{ field: 'amount', message: `must be an integer from 1 to ${MAX_DEPOSIT}` }],
    });
  }
};

/**
 * A withdrawal takes only what is available: money held for a running order is not. A user
 * whose wallet is not open yet has nothing to take.
 */
export const assertWithdrawable = (wallet: Wallet | undefined, amount: number): void => {
  const available = wallet ? wallet.balance - wallet.held : 0;
  if (available < amount) {
    throw new InsufficientFunds(`Available ${available} is below the amount ${amount}`);
  }
};

export const assertShopCurrency = (currency: string, shopCurrency: string): void => {
  if (currency !== shopCurrency) {
    throw new CurrencyMismatch(`Order currency ${currency} is not the shop's ${shopCurrency}`);
  }
};

export type ReservePlan =
  | { action: 'HOLD'; amount: number }
  | { action: 'NONE'; outcome: 'ALREADY_HELD' | 'ALREADY_RELEASED' };

/** ReservePayment: hold the total once per order, never after a release. */
export const planReserve = (
  wallet: Wallet | undefined,
  hold: Hold | undefined,
  amount: number,
): ReservePlan => {
  if (hold) {
    return hold.status === 'HELD' || hold.status === 'CAPTURED'
      ? { action: 'NONE', outcome: 'ALREADY_HELD' }
      : { action: 'NONE', outcome: 'ALREADY_RELEASED' };
  }
  if (!wallet) throw new PaymentDeclined('The user has no wallet');
  const available = wallet.balance - wallet.held;
  if (available < amount) {
    throw new PaymentDeclined(`Available ${available} is below the total ${amount}`);
  }
  return { action: 'HOLD', amount };
};

export type CapturePlan =
  { action: 'CAPTURE'; amount: number } | { action: 'NONE'; outcome: 'ALREADY_CAPTURED' };

/** CapturePayment: the hold becomes a charge. */
export const planCapture = (hold: Hold | undefined): CapturePlan => {
  switch (hold?.status) {
    case 'HELD':
      return { action: 'CAPTURE', amount: hold.amount };
    case 'CAPTURED':
      return { action: 'NONE', outcome: 'ALREADY_CAPTURED' };
    default:
      throw new NoHoldToCapture(
        hold ? `The order's payment is ${hold.status}` : 'The order has no payment hold',
      );
  }
};

export type ReleasePlan =
  | { action: 'RELEASE_HOLD'; amount: number }
  | { action: 'REFUND'; amount: number }
  | { action: 'VOID' }
  | { action: 'NONE'; outcome: 'ALREADY_RELEASED' };

/**
 * ReleasePayment: a held amount goes back to available, a captured one is
 * refunded, and a release that finds nothing leaves a tombstone.
 */
export const planRelease = (hold: Hold | undefined): ReleasePlan => {
  if (!hold) return { action: 'VOID' };
  switch (hold.status) {
    case 'HELD':
      return { action: 'RELEASE_HOLD', amount: hold.amount };
    case 'CAPTURED':
      return { action: 'REFUND', amount: hold.amount };
    case 'RELEASED':
    case 'REFUNDED':
    case 'VOID':
      return { action: 'NONE', outcome: 'ALREADY_RELEASED' };
  }
};
