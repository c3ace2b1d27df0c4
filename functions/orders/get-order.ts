import { NotFound } from '../shared/errors';
import { json } from '../shared/http-handler';
import { userRoute } from '../shared/http-auth';
import { ordersConfig } from './config';
import { orderPathSchema } from './order-schemas';
import { createOrdersRepository } from './orders-repository';

const orders = createOrdersRepository(ordersConfig.ORDERS_TABLE_NAME);

export const handler = userRoute({ params: orderPathSchema }, async ({ params, caller }) => {
  const order = await orders.getOrder(params.orderId);
  // Another user's order is answered exactly like one that does not exist.
  if (!order || (order.userId !== caller.userId && !caller.isAdmin)) {
    throw new NotFound(`Order ${params.orderId} not found`);
  }
  return json(200, order);
});
