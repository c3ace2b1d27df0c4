import { sagaStep } from '../shared/saga-step';
import { ordersConfig } from './config';
import { planConfirm } from './domain/order';
import { recordSagaEnd } from './order-metrics';
import { announceEnd } from './order-status-events';
import { createOrdersRepository } from './orders-repository';

const orders = createOrdersRepository(ordersConfig.ORDERS_TABLE_NAME);

export const handler = sagaStep('ConfirmOrder', async ({ orderId }) => {
  const { outcome, order } = await orders.transition('ConfirmOrder', orderId, planConfirm);
  recordSagaEnd(order, outcome, 'CONFIRMED');
  await announceEnd(order, 'CONFIRMED');
  return { outcome };
});
