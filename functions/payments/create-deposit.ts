import { z } from 'zod';
import { userRoute } from '../shared/http-auth';
import { json } from '../shared/http-handler';
import { paymentsConfig } from './config';
import { MAX_DEPOSIT, walletBalance } from './domain/wallet';
import { createPaymentsRepository } from './payments-repository';

const payments = createPaymentsRepository(paymentsConfig.PAYMENTS_TABLE_NAME);

const bodySchema = z.strictObject({ amount: z.int().min(1).max(MAX_DEPOSIT) });

// The Idempotency-Key header is accepted and not yet honoured (headers are not part of the
// request schemas, so a client sending it today is not refused).
export const handler = userRoute({ body: bodySchema }, async ({ body, caller }) =>
  json(
    201,
    walletBalance(
      await payments.depositOpening(caller.userId, body.amount),
      paymentsConfig.SHOP_CURRENCY,
    ),
  ),
);
