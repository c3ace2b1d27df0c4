import { json } from '../../lib/middleware/http-handler';
import { userRoute } from '../../lib/middleware/http-auth';
import { ordersConfig } from '../config';
import { listOrdersQuerySchema } from '../order-schemas';
import { createOrdersRepository } from '../orders-repository';

const orders = createOrdersRepository(ordersConfig.ORDERS_TABLE_NAME);

export const handler = userRoute({ query: listOrdersQuerySchema }, async ({ query, caller }) =>
  json(200, await orders.listOrdersPage(caller.userId, query)),
);
