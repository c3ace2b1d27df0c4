import { json } from '../../lib/middleware/http-handler';
import { adminRoute } from '../../lib/middleware/http-auth';
import { ordersConfig } from '../config';
import { listAllOrdersQuerySchema } from '../order-schemas';
import { createOrdersRepository } from '../orders-repository';

const orders = createOrdersRepository(ordersConfig.ORDERS_TABLE_NAME);

/** GET /admin/orders?status=: every user's orders, newest first, from an index (never a scan). */
export const handler = adminRoute(
  { query: listAllOrdersQuerySchema },
  async ({ query: { status, ...page } }) => json(200, await orders.listAllOrdersPage(status, page)),
);
