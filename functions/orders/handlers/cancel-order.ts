import { logger } from '../../lib/logger';
import { sagaStep } from '../../lib/middleware/saga-step';
import { ordersConfig } from '../config';
import { cancellationReasonFor, orderFingerprint, planCancel } from '../domain/order';
import { announceEnd } from '../order-status-events';
import { createOrdersRepository } from '../orders-repository';
import { recordSagaEnd } from '../order-metrics';

const orders = createOrdersRepository(ordersConfig.ORDERS_TABLE_NAME);

export const handler = sagaStep('CancelOrder', async ({ orderId, error }) => {
  const reason = cancellationReasonFor(error?.Error);
  const { outcome, order } = await orders.transition('CancelOrder', orderId, (current) =>
    planCancel(current, reason),
  );
  if (order.status === 'CANCELLED') {
    // API.md: a cancelled order no longer makes the same order a DUPLICATE_ORDER. Best effort:
    // the next placement of the same order takes over a fingerprint a cancelled order kept.
    await orders
      .releaseFingerprint(order, orderFingerprint(order.userId, order.items, order.deliverySlotId))
      .catch((releaseError: unknown) => {
        logger.warn('The cancelled order kept its fingerprint', { orderId, error: releaseError });
      });
  }
  recordSagaEnd(order, outcome, 'CANCELLED');
  await announceEnd(order, 'CANCELLED');
  return { outcome };
});
