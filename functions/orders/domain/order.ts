import { ValidationFailed } from '../../shared/errors';
import { InvalidOrderTransition } from './errors';

export type OrderStatus = 'PENDING' | 'CONFIRMED' | 'CANCELLED' | 'COMPENSATION_FAILED';

export type CancellationReason =
  'PAYMENT_DECLINED' | 'OUT_OF_STOCK' | 'NO_DELIVERY_SLOT' | 'TECHNICAL_FAILURE';

export interface OrderItem {
  productId: string;
  name: string;
  quantity: number;
  unitPrice: number;
  lineTotal: number;
}

export interface Order {
  orderId: string;
  userId: string;
  status: OrderStatus;
  items: OrderItem[];
  total: number;
  currency: string;
  deliverySlotId: string;
  cancellationReason?: CancellationReason;
  createdAt: string;
  updatedAt: string;
}

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
 * CancelOrder: PENDING or CONFIRMED -> CANCELLED. A CONFIRMED order is
 * cancelled too: ConfirmOrder may have written and then failed, and the saga
 * has already undone everything else. An order an operator must look at
 * (COMPENSATION_FAILED) keeps that status.
 */
export const planCancel = (
  order: Pick<Order, 'status'>,
  cancellationReason: CancellationReason,
): TransitionPlan => {
  switch (order.status) {
    case 'PENDING':
    case 'CONFIRMED':
      return { action: 'SET_STATUS', from: order.status, to: 'CANCELLED', cancellationReason };
    case 'CANCELLED':
    case 'COMPENSATION_FAILED':
      return already(order.status);
  }
};

/** MarkCompensationFailed: an undo step failed for good; an operator must act. */
export const planMarkCompensationFailed = (order: Pick<Order, 'status'>): TransitionPlan =>
  order.status === 'COMPENSATION_FAILED'
    ? already('COMPENSATION_FAILED')
    : { action: 'SET_STATUS', from: order.status, to: 'COMPENSATION_FAILED' };
