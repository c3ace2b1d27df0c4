import { sagaStep } from '../../lib/middleware/saga-step';
import { paymentsConfig } from '../config';
import { createPaymentsRepository } from '../payments-repository';

const payments = createPaymentsRepository(paymentsConfig.PAYMENTS_TABLE_NAME);

export const handler = sagaStep('ReleasePayment', ({ orderId, userId }) =>
  payments.releaseForOrder({ orderId, userId }),
);
