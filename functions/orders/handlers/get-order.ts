import { json } from '../../lib/middleware/http-handler';
import { userRoute } from '../../lib/middleware/http-auth';
import { ordersConfig } from '../config';
import { visibleOrder } from '../order-access';
import { orderPathSchema } from '../order-schemas';
import { createOrdersRepository } from '../orders-repository';

const orders = createOrdersRepository(ordersConfig.ORDERS_TABLE_NAME);

export const handler = userRoute({ params: orderPathSchema }, async ({ params, caller }) =>
  json(200, await visibleOrder(orders, params.orderId, caller)),
);
