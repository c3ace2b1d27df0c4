import { publishEvent } from '../lib/event-publisher';
import { orderStatusEvent, type Order, type OrderStatus } from './domain/order';

/**
 * Announces the end a saga step brought the order to. It runs after the write, and again every
 * time the step runs, also when the status was already set: a publish lost after the write is
 * then repaired by the step's retry (subscribers are idempotent). An order the step found at
 * another end (CancelOrder finding it COMPENSATION_FAILED) is not announced as this one.
 */
export async function announceEnd(order: Order, end: OrderStatus): Promise<void> {
  if (order.status !== end) return;
  const event = orderStatusEvent(order);
  if (event) await publishEvent(event);
}
