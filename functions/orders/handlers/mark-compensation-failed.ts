import { executionStatusChangeSchema } from '../../../contracts/step-functions-events';
import { logger } from '../../lib/logger';
import { eventRuleHandler } from '../../lib/middleware/event-rule-handler';
import { ordersConfig } from '../config';
import { planMarkCompensationFailed } from '../domain/order';
import { createOrdersRepository } from '../orders-repository';
import { recordSagaEnd } from '../order-metrics';

const orders = createOrdersRepository(ordersConfig.ORDERS_TABLE_NAME);

/**
 * The order saga's execution FAILED: every step catches its errors into the undo chain, so only
 * an undo step that kept failing gets there. The order (the execution is named by its id) becomes
 * COMPENSATION_FAILED, announced to the customer and the admins, until an operator's redrive
 * finishes the undo (POST /admin/orders/{orderId}/redrive).
 */
export const handler = eventRuleHandler(executionStatusChangeSchema, async ({ detail }) => {
  if (detail.status !== 'FAILED') return { outcome: 'IGNORED' };
  const orderId = detail.name;
  logger.appendKeys({ orderId });
  const { outcome, order } = await orders.transition(
    'MarkCompensationFailed',
    orderId,
    planMarkCompensationFailed,
  );
  recordSagaEnd(order, outcome, 'COMPENSATION_FAILED');
  return { outcome };
});
