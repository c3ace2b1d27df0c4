import * as z from 'zod';
import { MAX_DEPOSIT } from '../../functions/payments/domain/wallet';
import { amountSchema, currencySchema, pageOf, timestampSchema } from './common';

// API.md "Wallet (payments)".

/** A deposit's or a withdrawal's body. */
export const walletMovementSchema = z
  .strictObject({ amount: z.int().min(1).max(MAX_DEPOSIT) })
  .meta({ id: 'WalletMovement', example: { amount: 2500 } });

export const walletSchema = z
  .strictObject({
    balance: amountSchema,
    held: amountSchema,
    available: amountSchema,
    currency: currencySchema,
  })
  .meta({ id: 'Wallet', description: 'available = balance - held' });

export const transactionSchema = z
  .strictObject({
    transactionId: z.string(),
    type: z.enum(['DEPOSIT', 'WITHDRAWAL', 'HOLD', 'CAPTURE', 'RELEASE']),
    amount: z.int().min(0),
    orderId: z.string().optional(),
    createdAt: timestampSchema,
  })
  .meta({ id: 'Transaction' });

export const transactionPageSchema = pageOf(transactionSchema, 'TransactionPage');
