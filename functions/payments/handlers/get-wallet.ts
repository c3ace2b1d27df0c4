import { userRoute } from '../../lib/middleware/http-auth';
import { json } from '../../lib/middleware/http-handler';
import { paymentsConfig } from '../config';
import { walletBalance } from '../domain/wallet';
import { createPaymentsRepository } from '../payments-repository';

const payments = createPaymentsRepository(paymentsConfig.PAYMENTS_TABLE_NAME);

export const handler = userRoute({}, async ({ caller }) =>
  json(200, walletBalance(await payments.getWallet(caller.userId), paymentsConfig.SHOP_CURRENCY)),
);
