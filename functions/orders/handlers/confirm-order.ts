import { sagaStep } from '../../lib/middleware/saga-step';
import { ordersConfig } from '../config';
import { planConfirm } from '../domain/order';
import { announceEnd } from '../order-status-events';
import { createOrdersRepository } from '../orders-repository';
import { recordSagaEnd } from '../order-metrics';

const orders = createOrdersRepository(ordersConfig.ORDERS_TABLE_NAME);

export const handler = sagaStep('ConfirmOrder', async ({ orderId }) => {
  const { outcome, order } = await orders.transition('ConfirmOrder', orderId, planConfirm);
  recordSagaEnd(order, outcome, 'CONFIRMED');
  await announceEnd(order, 'CONFIRMED');
  return { outcome };
});
