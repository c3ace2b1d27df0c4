import { sagaStep } from '../../lib/middleware/saga-step';
import { paymentsConfig } from '../config';
import { assertShopCurrency } from '../domain/wallet';
import { createPaymentsRepository } from '../payments-repository';

const payments = createPaymentsRepository(paymentsConfig.PAYMENTS_TABLE_NAME);

export const handler = sagaStep('ReservePayment', async ({ orderId, userId, total, currency }) => {
  assertShopCurrency(currency, paymentsConfig.SHOP_CURRENCY);
  return payments.reserveForOrder({ orderId, userId, amount: total });
});
