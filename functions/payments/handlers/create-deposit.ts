import { paymentsConfig } from '../config';
import { createPaymentsRepository } from '../payments-repository';
import { walletMovementRoute } from '../wallet-movement-route';

const payments = createPaymentsRepository(paymentsConfig.PAYMENTS_TABLE_NAME);

/** POST /wallet/deposits: a wallet the UserRegistered event has not opened yet is opened first. */
export const handler = walletMovementRoute('deposit', (userId, amount, announce, transactionId) =>
  payments.depositOpening(userId, amount, announce, transactionId),
);
