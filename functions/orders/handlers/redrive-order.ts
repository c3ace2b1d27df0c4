import * as z from 'zod';
import { loadConfig, resourceName } from '../../lib/config';
import { Conflict, NotFound } from '../../lib/errors';
import { adminRoute } from '../../lib/middleware/http-auth';
import { json } from '../../lib/middleware/http-handler';
import { ordersConfig } from '../config';
import { createOrderSagaRedriver } from '../order-saga-redriver';
import { orderPathSchema } from '../order-schemas';
import { createOrdersRepository } from '../orders-repository';

const config = loadConfig(z.object({ ORDER_SAGA_STATE_MACHINE_ARN: resourceName }));
const orders = createOrdersRepository(ordersConfig.ORDERS_TABLE_NAME);
const redriveSaga = createOrderSagaRedriver(config.ORDER_SAGA_STATE_MACHINE_ARN);

/**
 * POST /admin/orders/{orderId}/redrive (API.md "Operations"): once the cause of a failed undo is
 * fixed, the order's saga runs its undo chain on from where it failed, and the order ends
 * CANCELLED. 202: it is under way; the answer is the order as it is now.
 */
export const handler = adminRoute({ params: orderPathSchema }, async ({ params }) => {
  const order = await orders.getOrder(params.orderId);
  if (!order) throw new NotFound(`Order ${params.orderId} not found`);
  if (order.status !== 'COMPENSATION_FAILED') {
    throw new Conflict(
      `Only a COMPENSATION_FAILED order can be redriven; this one is ${order.status}`,
    );
  }
  await redriveSaga(order.orderId);
  return json(202, order);
});
