import * as z from 'zod';
import { loadConfig, resourceName } from '../../lib/config';
import { json } from '../../lib/middleware/http-handler';
import { userRoute } from '../../lib/middleware/http-auth';
import { ordersConfig } from '../config';
import { visibleOrder } from '../order-access';
import { orderPathSchema } from '../order-schemas';
import { createOrdersRepository } from '../orders-repository';
import { createExecutionSagaDefinitionReader } from '../saga-definition';
import { executionArnOf } from '../saga-history';

const config = loadConfig(z.object({ ORDER_SAGA_STATE_MACHINE_ARN: resourceName }));
const orders = createOrdersRepository(ordersConfig.ORDERS_TABLE_NAME);
const readDefinition = createExecutionSagaDefinitionReader();

/**
 * GET /orders/{orderId}/saga/definition (owner, or admin): the ASL of the state machine that ran
 * this order's saga, what the customer's order page draws its path over.
 */
export const handler = userRoute({ params: orderPathSchema }, async ({ params, caller }) => {
  const order = await visibleOrder(orders, params.orderId, caller);
  const executionArn = executionArnOf(config.ORDER_SAGA_STATE_MACHINE_ARN, order.orderId);
  return json(200, await readDefinition(executionArn));
});
