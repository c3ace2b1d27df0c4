import { recordMetric } from '../lib/metrics';
import type { Order, OrderStatus } from './domain/order';

type SagaEnd = Extract<OrderStatus, 'CONFIRMED' | 'CANCELLED' | 'COMPENSATION_FAILED'>;

/**
 * Counts a saga's end once: only the step run that changed the status (its outcome is the new
 * status), not a retry that found it already set.
 */
export function recordSagaEnd(order: Order, outcome: string, end: SagaEnd): void {
  if (outcome !== end || order.status !== end) return;
  recordMetric('sagaDuration', Date.now() - Date.parse(order.createdAt), { outcome: end });
  if (end === 'CONFIRMED') recordMetric('ordersConfirmed', 1);
  else if (end === 'COMPENSATION_FAILED') recordMetric('compensationFailures', 1);
  else recordMetric('ordersCancelled', 1, { reason: order.cancellationReason ?? 'UNKNOWN' });
}
