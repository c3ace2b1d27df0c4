import { sagaStep } from '../../lib/middleware/saga-step';
import { ordersConfig } from '../config';
import { planConfirm } from '../domain/order';
import { createOrdersRepository } from '../orders-repository';

const orders = createOrdersRepository(ordersConfig.ORDERS_TABLE_NAME);

export const handler = sagaStep('ConfirmOrder', async ({ orderId }) => {
  const { outcome } = await orders.transition('ConfirmOrder', orderId, planConfirm);
  return { outcome };
});
