import { sagaStep } from '../../lib/middleware/saga-step';
import { ordersConfig } from '../config';
import { cancellationReasonFor, planCancel } from '../domain/order';
import { releaseCancelledFingerprint } from '../order-placement';
import { announceEnd } from '../order-status-events';
import { createOrdersRepository } from '../orders-repository';
import { recordSagaEnd } from '../order-metrics';

const orders = createOrdersRepository(ordersConfig.ORDERS_TABLE_NAME);

export const handler = sagaStep('CancelOrder', async ({ orderId, error }) => {
  const reason = cancellationReasonFor(error?.Error);
  const { outcome, order } = await orders.transition('CancelOrder', orderId, (current) =>
    planCancel(current, reason),
  );
  if (order.status === 'CANCELLED') await releaseCancelledFingerprint(orders, order);
  recordSagaEnd(order, outcome, 'CANCELLED');
  await announceEnd(order, 'CANCELLED');
  return { outcome };
});
