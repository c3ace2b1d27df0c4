import { sagaStep } from '../shared/saga-step';
import { ordersConfig } from './config';
import { cancellationReasonFor, planCancel } from './domain/order';
import { announceEnd } from './order-status-events';
import { createOrdersRepository } from './orders-repository';

const orders = createOrdersRepository(ordersConfig.ORDERS_TABLE_NAME);

export const handler = sagaStep('CancelOrder', async ({ orderId, error }) => {
  const reason = cancellationReasonFor(error?.Error);
  const { outcome, order } = await orders.transition('CancelOrder', orderId, (current) =>
    planCancel(current, reason),
  );
  await announceEnd(order, 'CANCELLED');
  return { outcome };
});
