import * as z from 'zod';
import { userRoute } from '../../lib/middleware/http-auth';
import { json } from '../../lib/middleware/http-handler';
import {
  createIdempotencyStore,
  idempotencyKeyOf,
  requestHash,
  runIdempotent,
} from '../../lib/idempotency/idempotency';
import { paymentsConfig } from '../config';
import { depositRequestKey } from '../deposit-requests';
import { MAX_DEPOSIT, walletBalance } from '../domain/wallet';
import { createPaymentsRepository } from '../payments-repository';
import { recordMetric } from '../../lib/metrics';

const payments = createPaymentsRepository(paymentsConfig.PAYMENTS_TABLE_NAME);
// Idempotency-Key records live in the payments context's own table.
const requests = createIdempotencyStore(paymentsConfig.PAYMENTS_TABLE_NAME);

const bodySchema = z.strictObject({ amount: z.int().min(1).max(MAX_DEPOSIT) });

/**
 * POST /wallet/deposits. With an Idempotency-Key (API.md, as POST /orders) the first request
 * deposits and answers 201 with the wallet; a repeat deposits nothing and answers 200 with the
 * wallet as the first answer showed it.
 */
export const handler = userRoute({ body: bodySchema }, async ({ body, caller, event, context }) => {
  const deposit = async () => {
    const wallet = await payments.depositOpening(caller.userId, body.amount);
    recordMetric('deposits', 1);
    recordMetric('depositedAmount', body.amount);
    return walletBalance(wallet, paymentsConfig.SHOP_CURRENCY);
  };
  const key = idempotencyKeyOf(event);
  if (key === undefined) return json(201, await deposit());

  const { response, replayed } = await runIdempotent(
    {
      store: requests,
      recordKey: depositRequestKey(caller.userId, key),
      requestHash: requestHash(body),
      context,
    },
    deposit,
  );
  return json(replayed ? 200 : 201, response);
});
