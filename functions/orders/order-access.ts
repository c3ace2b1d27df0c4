import { NotFound } from '../lib/errors';
import type { Caller } from '../lib/middleware/http-auth';
import type { Order } from './domain/order';
import type { OrdersRepository } from './orders-repository';

/**
 * The order if the caller may see it: its owner or an admin. Anyone else is answered exactly as
 * if it did not exist (API.md: never reveal it exists).
 */
export async function visibleOrder(
  orders: OrdersRepository,
  orderId: string,
  caller: Caller,
): Promise<Order> {
  const order = await orders.getOrder(orderId);
  if (!order || (order.userId !== caller.userId && !caller.isAdmin)) {
    throw new NotFound(`Order ${orderId} not found`);
  }
  return order;
}
