import * as z from 'zod';
import { loadConfig, resourceName } from '../../lib/config';
import { scheduledHandler } from '../../lib/middleware/scheduled-handler';
import { ordersConfig } from '../config';
import { createOrderSagaExecutions } from '../order-saga-executions';
import { createOrdersRepository } from '../orders-repository';
import { createStuckOrderSweep } from '../stuck-order-sweep';

const config = loadConfig(
  z.object({
    ORDER_SAGA_STATE_MACHINE_ARN: resourceName,
    // API.md Operations: an order PENDING longer than this, with no running execution, is undone.
    STUCK_ORDER_AFTER_SECONDS: z.coerce.number().int().min(0).max(86_400),
  }),
);

const sweeper = createStuckOrderSweep({
  orders: createOrdersRepository(ordersConfig.ORDERS_TABLE_NAME),
  executions: createOrderSagaExecutions(config.ORDER_SAGA_STATE_MACHINE_ARN),
  stuckAfterSeconds: config.STUCK_ORDER_AFTER_SECONDS,
});

/** The stuck-order sweep, run by an EventBridge schedule rule (functions.yml). */
export const handler = scheduledHandler(async (firedAt) => {
  const report = await sweeper.sweep(firedAt);
  if (report.failed.length > 0) {
    throw new Error(`${report.failed.length} stuck orders could not be swept this run`);
  }
  return report;
});
