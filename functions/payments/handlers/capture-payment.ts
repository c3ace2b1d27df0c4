import { sagaStep } from '../../lib/middleware/saga-step';
import { paymentsConfig } from '../config';
import { createPaymentsRepository } from '../payments-repository';
import { recordMetric } from '../../lib/metrics';

const payments = createPaymentsRepository(paymentsConfig.PAYMENTS_TABLE_NAME);

export const handler = sagaStep('CapturePayment', async ({ orderId, userId, total }) => {
  const result = await payments.captureForOrder({ orderId, userId });
  // Once per order: a retry that finds the payment captured answers another outcome.
  if (result.outcome === 'CAPTURED') {
    recordMetric('withdrawals', 1);
    recordMetric('withdrawnAmount', total);
  }
  return result;
});
