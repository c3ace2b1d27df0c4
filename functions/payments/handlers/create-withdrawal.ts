import { paymentsConfig } from '../config';
import { createPaymentsRepository } from '../payments-repository';
import { walletMovementRoute } from '../wallet-movement-route';

const payments = createPaymentsRepository(paymentsConfig.PAYMENTS_TABLE_NAME);

/** POST /wallet/withdrawals: 409 INSUFFICIENT_FUNDS above the available amount. */
export const handler = walletMovementRoute(
  'withdrawal',
  (userId, amount, announce, transactionId) =>
    payments.withdraw(userId, amount, announce, transactionId),
);
