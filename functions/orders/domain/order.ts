import { createHash } from 'node:crypto';
import { DataIntegrityError, ValidationFailed } from '../../lib/errors';
import type {
  OrderCancelledEvent,
  OrderCompensationFailedEvent,
  OrderConfirmedEvent,
} from '../../../contracts/events';
import type { OrderSagaInput } from '../../../contracts/order-saga';
import { InvalidOrderTransition, UnknownProduct } from './errors';
import type {
  OrderStatus,
  CancellationReason,
  OrderItem,
  Order,
} from '../../../contracts/http/orders';

export type { OrderStatus, CancellationReason, OrderItem, Order };

export type NewOrder = Pick<
  Order,
  'orderId' | 'userId' | 'items' | 'total' | 'currency' | 'deliverySlotId'
>;

// The saga's business error names, as the steps throw them and the state
// machine passes them on in `$.error.Error`.
const reasonsByErrorName: Readonly<Record<string, CancellationReason>> = {
  PaymentDeclined: 'PAYMENT_DECLINED',
  OutOfStock: 'OUT_OF_STOCK',
  SlotUnavailable: 'NO_DELIVERY_SLOT',
};

/** Why the saga cancelled the order, from the name of the error it caught. */
export const cancellationReasonFor = (errorName: string | undefined): CancellationReason =>
  (errorName !== undefined && Object.hasOwn(reasonsByErrorName, errorName)
    ? reasonsByErrorName[errorName]
    : undefined) ?? 'TECHNICAL_FAILURE';

/** A new order, PENDING; its amounts must add up. */
export const newOrder = (order: NewOrder, now: string): Order => {
  const problems: { path: (string | number)[]; message: string }[] = [];
  if (order.items.length === 0) problems.push({ path: ['items'], message: 'must not be empty' });
  order.items.forEach((item, index) => {
    if (item.lineTotal !== item.quantity * item.unitPrice) {
      problems.push({
        path: ['items', index, 'lineTotal'],
        message: 'must be quantity * unitPrice',
      });
    }
  });
  const sum = order.items.reduce((total, item) => total + item.lineTotal, 0);
  if (order.total !== sum)
    problems.push({ path: ['total'], message: 'must be the sum of lineTotal' });
  if (problems.length > 0) {
    throw new ValidationFailed('The order does not add up', { details: problems });
  }
  return {
    orderId: order.orderId,
    userId: order.userId,
    status: 'PENDING',
    items: order.items.map(({ productId, name, quantity, unitPrice, lineTotal }) => ({
      productId,
      name,
      quantity,
      unitPrice,
      lineTotal,
    })),
    total: order.total,
    currency: order.currency,
    deliverySlotId: order.deliverySlotId,
    createdAt: now,
    updatedAt: now,
  };
};

export type TransitionPlan =
  | {
      action: 'SET_STATUS';
      from: OrderStatus;
      to: OrderStatus;
      cancellationReason?: CancellationReason;
    }
  | { action: 'NONE'; outcome: `ALREADY_${OrderStatus}` };

const already = (status: OrderStatus): TransitionPlan => ({
  action: 'NONE',
  outcome: `ALREADY_${status}`,
});

/** ConfirmOrder: PENDING -> CONFIRMED. */
export const planConfirm = (order: Pick<Order, 'status'>): TransitionPlan => {
  switch (order.status) {
    case 'PENDING':
      return { action: 'SET_STATUS', from: 'PENDING', to: 'CONFIRMED' };
    case 'CONFIRMED':
      return already('CONFIRMED');
    default:
      throw new InvalidOrderTransition(`Cannot confirm a ${order.status} order`);
  }
};

/**
 * CancelOrder: PENDING, CONFIRMED or COMPENSATION_FAILED -> CANCELLED. A CONFIRMED order is
 * cancelled too: ConfirmOrder may have written and then failed, and the saga has already undone
 * everything else. A COMPENSATION_FAILED order reaches CancelOrder when an operator's redrive has
 * finished the undo steps that had failed.
 */
export const planCancel = (
  order: Pick<Order, 'status'>,
  cancellationReason: CancellationReason,
): TransitionPlan => {
  switch (order.status) {
    case 'PENDING':
    case 'CONFIRMED':
    case 'COMPENSATION_FAILED':
      return { action: 'SET_STATUS', from: order.status, to: 'CANCELLED', cancellationReason };
    case 'CANCELLED':
      return already(order.status);
  }
};

/**
 * MarkCompensationFailed: the saga's execution failed (an undo step failed for good); an operator
 * must act. From any status: ConfirmOrder or CancelOrder may have written before the undo that
 * failed, and the redrive that finishes the undo ends it CANCELLED.
 */
export const planMarkCompensationFailed = (order: Pick<Order, 'status'>): TransitionPlan =>
  order.status === 'COMPENSATION_FAILED'
    ? already('COMPENSATION_FAILED')
    : { action: 'SET_STATUS', from: order.status, to: 'COMPENSATION_FAILED' };

/**
 * The saga of a just-written order could not be started. A PENDING order is cancelled as
 * TECHNICAL_FAILURE, so the customer is never left with an order that never moves. Any other
 * status means an execution did start after all (a start that timed out on the way back) and
 * has already decided: that is left alone. Should such an execution still be running, its
 * ConfirmOrder finds the order CANCELLED, fails, and the saga undoes everything it did.
 */
export const planCancelUnstarted = (order: Pick<Order, 'status'>): TransitionPlan =>
  order.status === 'PENDING'
    ? {
        action: 'SET_STATUS',
        from: 'PENDING',
        to: 'CANCELLED',
        cancellationReason: 'TECHNICAL_FAILURE',
      }
    : already(order.status);

/** A product as the catalog quotes it at order time. */
export interface ProductQuote {
  productId: string;
  name: string;
  price: number;
  currency: string;
}

export interface RequestedItem {
  productId: string;
  quantity: number;
}

/**
 * The order's lines and total at the catalog's prices of now, never at any the client sent.
 * Throws UnknownProduct naming every product the catalog did not quote.
 */
export const priceOrder = (
  requested: readonly RequestedItem[],
  quotes: readonly ProductQuote[],
  currency: string,
): Pick<Order, 'items' | 'total'> => {
  const quoted = new Map(quotes.map((quote) => [quote.productId, quote]));
  const unknown = requested.filter((item) => !quoted.has(item.productId));
  if (unknown.length > 0) {
    const productIds = unknown.map((item) => item.productId);
    throw new UnknownProduct(`Unknown product: ${productIds.join(', ')}`, {
      details: { productIds },
    });
  }
  const items = requested.map(({ productId, quantity }): OrderItem => {
    const quote = quoted.get(productId);
    if (!quote) throw new DataIntegrityError(`No quote for ${productId}`);
    // One currency per deployment: a price in another one is a broken catalog, not a client error.
    if (quote.currency !== currency) {
      throw new DataIntegrityError(
        `The catalog priced ${productId} in ${quote.currency}, the shop sells in ${currency}`,
      );
    }
    return {
      productId,
      name: quote.name,
      quantity,
      unitPrice: quote.price,
      lineTotal: quantity * quote.price,
    };
  });
  return { items, total: items.reduce((sum, item) => sum + item.lineTotal, 0) };
};

/** What every saga task receives: the order's ids, its items, the amount and the slot. */
export const sagaInputFor = (order: Order): OrderSagaInput => ({
  orderId: order.orderId,
  userId: order.userId,
  items: order.items.map(({ productId, quantity }) => ({ productId, quantity })),
  total: order.total,
  currency: order.currency,
  deliverySlotId: order.deliverySlotId,
});

export type OrderStatusEvent =
  OrderConfirmedEvent | OrderCancelledEvent | OrderCompensationFailedEvent;

/**
 * The event that announces where the order's saga ended; none while it runs. It is made from
 * the stored order alone (`occurredAt` is the time of the status change), so announcing the
 * same end again sends the very same event.
 */
export const orderStatusEvent = (order: Order): OrderStatusEvent | undefined => {
  const { orderId, userId, total, currency, updatedAt: occurredAt } = order;
  switch (order.status) {
    case 'PENDING':
      return undefined;
    case 'CONFIRMED':
      return { eventType: 'OrderConfirmed', orderId, userId, total, currency, occurredAt };
    case 'CANCELLED':
      return {
        eventType: 'OrderCancelled',
        orderId,
        userId,
        cancellationReason: order.cancellationReason ?? 'TECHNICAL_FAILURE',
        total,
        currency,
        occurredAt,
      };
    case 'COMPENSATION_FAILED':
      return { eventType: 'OrderCompensationFailed', orderId, userId, occurredAt };
  }
};

// API.md: without an Idempotency-Key, the same user ordering the same items (the same products
// and quantities, in any order) for the same slot again within DUPLICATE_ORDER_WINDOW_SECONDS of
// a PENDING or CONFIRMED order is answered 409 DUPLICATE_ORDER with that order.

/** The items of a request in one order, so that the order of the lines does not matter. */
export const canonicalItems = (items: readonly RequestedItem[]): RequestedItem[] =>
  items
    .map(({ productId, quantity }) => ({ productId, quantity }))
    .sort((a, b) => (a.productId < b.productId ? -1 : a.productId > b.productId ? 1 : 0));

/**
 * What makes two orders the same order: the user, the items and the slot. A hash, so that it
 * fits a table key whatever the number of items.
 */
export const orderFingerprint = (
  userId: string,
  items: readonly RequestedItem[],
  deliverySlotId: string,
): string =>
  createHash('sha256')
    .update(JSON.stringify([userId, deliverySlotId, canonicalItems(items)]))
    .digest('hex');

/** Whether an existing order makes the same order again a duplicate (while in the window). */
export const blocksDuplicate = (order: Pick<Order, 'status'>): boolean =>
  order.status === 'PENDING' || order.status === 'CONFIRMED';

/**
 * When an order placed at `createdAtMs` stops making its duplicates 409, in epoch seconds (the
 * unit of a DynamoDB TTL attribute), rounded up: never earlier than the window.
 */
export const duplicateWindowEnd = (createdAtMs: number, windowSeconds: number): number =>
  Math.ceil(createdAtMs / 1000) + windowSeconds;

/** What "the same body" means for an Idempotency-Key on POST /orders: lines in any order. */
export const placeOrderRequest = (request: {
  items: readonly RequestedItem[];
  deliverySlotId: string;
}) => ({ items: canonicalItems(request.items), deliverySlotId: request.deliverySlotId });
