import { sagaStep } from '../../lib/middleware/saga-step';
import { ordersConfig } from '../config';
import { planMarkCompensationFailed } from '../domain/order';
import { announceEnd } from '../order-status-events';
import { createOrdersRepository } from '../orders-repository';

const orders = createOrdersRepository(ordersConfig.ORDERS_TABLE_NAME);

export const handler = sagaStep('MarkCompensationFailed', async ({ orderId }) => {
  const { outcome, order } = await orders.transition(
    'MarkCompensationFailed',
    orderId,
    planMarkCompensationFailed,
  );
  await announceEnd(order, 'COMPENSATION_FAILED');
  return { outcome };
});
