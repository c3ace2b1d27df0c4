import { sagaStep } from '../shared/saga-step';
import { ordersConfig } from './config';
import { cancellationReasonFor, planCancel } from './domain/order';
import { createOrdersRepository } from './orders-repository';

const orders = createOrdersRepository(ordersConfig.ORDERS_TABLE_NAME);

export const handler = sagaStep('CancelOrder', ({ orderId, error }) => {
  const reason = cancellationReasonFor(error?.Error);
  return orders.transition('CancelOrder', orderId, (order) => planCancel(order, reason));
});
