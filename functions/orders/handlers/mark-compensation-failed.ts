import { sagaStep } from '../../lib/middleware/saga-step';
import { ordersConfig } from '../config';
import { planMarkCompensationFailed } from '../domain/order';
import { announceEnd } from '../order-status-events';
import { createOrdersRepository } from '../orders-repository';
import { recordSagaEnd } from '../order-metrics';

const orders = createOrdersRepository(ordersConfig.ORDERS_TABLE_NAME);

export const handler = sagaStep('MarkCompensationFailed', async ({ orderId }) => {
  const { outcome, order } = await orders.transition(
    'MarkCompensationFailed',
    orderId,
    planMarkCompensationFailed,
  );
  recordSagaEnd(order, outcome, 'COMPENSATION_FAILED');
  await announceEnd(order, 'COMPENSATION_FAILED');
  return { outcome };
});
