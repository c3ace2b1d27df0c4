import * as z from 'zod';
import { currencyCode, id } from '../fields';

/** API.md "Wallet": what the owner sees; `available` is balance - held. */
export const walletBalanceSchema = z.strictObject({
  balance: z.int(),
  held: z.int(),
  available: z.int(),
  currency: currencyCode,
});
export type WalletBalance = z.infer<typeof walletBalanceSchema>;

export const transactionTypeSchema = z.enum([
  'DEPOSIT',
  'WITHDRAWAL',
  'HOLD',
  'CAPTURE',
  'RELEASE',
]);
export type TransactionType = z.infer<typeof transactionTypeSchema>;

export const walletTransactionSchema = z.strictObject({
  transactionId: id,
  type: transactionTypeSchema,
  amount: z.int(),
  orderId: id.optional(),
  createdAt: z.string(),
});
export type WalletTransaction = z.infer<typeof walletTransactionSchema>;
