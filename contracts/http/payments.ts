import * as z from 'zod';
import { MAX_DEPOSIT } from '../limits';
import { amountSchema, currencySchema, idSchema, pageOf, timestampSchema } from './common';

// API.md "Wallet (payments)".

/** A deposit's or a withdrawal's body. */
export const walletMovementSchema = z
  .strictObject({ amount: z.int().min(1).max(MAX_DEPOSIT) })
  .meta({ id: 'WalletMovement', example: { amount: 2500 } });

/** What the owner sees of a wallet. */
export const walletSchema = z
  .strictObject({
    balance: amountSchema,
    held: amountSchema,
    available: amountSchema,
    currency: currencySchema,
  })
  .meta({ id: 'Wallet', description: 'available = balance - held' });
export type WalletBalance = z.infer<typeof walletSchema>;

export const transactionTypeSchema = z.enum([
  'DEPOSIT',
  'WITHDRAWAL',
  'HOLD',
  'CAPTURE',
  'RELEASE',
]);
export type TransactionType = z.infer<typeof transactionTypeSchema>;

export const transactionSchema = z
  .strictObject({
    transactionId: idSchema,
    type: transactionTypeSchema,
    amount: z.int().min(0),
    orderId: idSchema.optional(),
    createdAt: timestampSchema,
  })
  .meta({ id: 'Transaction' });
export type WalletTransaction = z.infer<typeof transactionSchema>;

export const transactionPageSchema = pageOf(transactionSchema, 'TransactionPage');
