import * as z from 'zod';
import { loadConfig, resourceName } from '../../lib/config';
import { json } from '../../lib/middleware/http-handler';
import { userRoute } from '../../lib/middleware/http-auth';
import { ordersConfig } from '../config';
import { sagaTraceOf } from '../domain/saga-trace';
import { visibleOrder } from '../order-access';
import { orderPathSchema } from '../order-schemas';
import { createOrdersRepository } from '../orders-repository';
import { createSagaHistoryReader, executionArnOf } from '../saga-history';

const config = loadConfig(z.object({ ORDER_SAGA_STATE_MACHINE_ARN: resourceName }));
const orders = createOrdersRepository(ordersConfig.ORDERS_TABLE_NAME);
const readHistory = createSagaHistoryReader();

/** GET /orders/{orderId}/saga: the path the order's saga took, from Step Functions' own history. */
export const handler = userRoute({ params: orderPathSchema }, async ({ params, caller }) => {
  const order = await visibleOrder(orders, params.orderId, caller);
  const executionArn = executionArnOf(config.ORDER_SAGA_STATE_MACHINE_ARN, order.orderId);
  return json(200, sagaTraceOf(order.orderId, executionArn, await readHistory(executionArn)));
});
