import { sagaStep } from '../shared/saga-step';
import { ordersConfig } from './config';
import { planMarkCompensationFailed } from './domain/order';
import { createOrdersRepository } from './orders-repository';

const orders = createOrdersRepository(ordersConfig.ORDERS_TABLE_NAME);

export const handler = sagaStep('MarkCompensationFailed', ({ orderId }) =>
  orders.transition('MarkCompensationFailed', orderId, planMarkCompensationFailed),
);
