import { sagaStep } from '../shared/saga-step';
import { ordersConfig } from './config';
import { planMarkCompensationFailed } from './domain/order';
import { recordSagaEnd } from './order-metrics';
import { announceEnd } from './order-status-events';
import { createOrdersRepository } from './orders-repository';

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
