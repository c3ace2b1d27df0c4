import type {
  DepositReceivedEvent,
  OrderCancelledEvent,
  OrderCompensationFailedEvent,
  OrderConfirmedEvent,
  UserRegisteredEvent,
  WithdrawalMadeEvent,
} from '../../../contracts/events';
import type { NotificationType } from '../../../contracts/http/notifications';

export type { NotificationType };

/** A message kept for a user (API.md "Notifications"). */
export interface Notification {
  notificationId: string;
  userId: string;
  type: NotificationType;
  orderId?: string;
  /** The wallet movement it tells of: kept to record it once, not shown. */
  transactionId?: string;
  message: string;
  createdAt: string;
}

/** The events that leave a message for the user they concern. */
export type NotifiableEvent =
  | UserRegisteredEvent
  | OrderConfirmedEvent
  | OrderCancelledEvent
  | OrderCompensationFailedEvent
  | DepositReceivedEvent
  | WithdrawalMadeEvent;

type CancellationReason = OrderCancelledEvent['cancellationReason'];

// Why an order was cancelled, as the customer would put it; the codes stay in the Order.
const reasonInWords: Readonly<Record<CancellationReason, string>> = {
  PAYMENT_DECLINED: 'the payment was declined: your wallet did not have enough money available',
  OUT_OF_STOCK: 'some of the items are out of stock',
  NO_DELIVERY_SLOT: 'the delivery slot you chose is fully booked',
  TECHNICAL_FAILURE: 'of a technical problem on our side',
};

/** An amount in minor units, shown as a customer reads money, e.g. `$34.90`. */
export const formatMoney = (amount: number, currency: string): string => {
  const format = new Intl.NumberFormat('en-US', { style: 'currency', currency });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(amount / 10 ** digits);
};

/**
 * The message an event leaves. It is stamped with the time of the event, not of its delivery:
 * the list then reads in the order things happened.
 */
export const notificationFor = (event: NotifiableEvent, notificationId: string): Notification => {
  const { userId, occurredAt: createdAt } = event;
  switch (event.eventType) {
    case 'UserRegistered':
      return {
        notificationId,
        userId,
        type: 'WELCOME',
        message: `Welcome to the shop, ${event.name}! Your account is ready.`,
        createdAt,
      };
    case 'OrderConfirmed':
      return {
        notificationId,
        userId,
        type: 'ORDER_CONFIRMED',
        orderId: event.orderId,
        message: `Your order ${event.orderId} is confirmed: ${formatMoney(event.total, event.currency)} has been charged and it will be delivered in the slot you chose.`,
        createdAt,
      };
    case 'OrderCancelled':
      return {
        notificationId,
        userId,
        type: 'ORDER_CANCELLED',
        orderId: event.orderId,
        message: `Your order ${event.orderId} was cancelled because ${reasonInWords[event.cancellationReason]}. You have not been charged.`,
        createdAt,
      };
    case 'OrderCompensationFailed':
      return {
        notificationId,
        userId,
        type: 'ORDER_COMPENSATION_FAILED',
        orderId: event.orderId,
        message: `Your order ${event.orderId} could not be cancelled cleanly: some of it may still be held. We are on it and will put it right.`,
        createdAt,
      };
    case 'DepositReceived':
      return {
        notificationId,
        userId,
        type: 'DEPOSIT_RECEIVED',
        transactionId: event.transactionId,
        message: `${formatMoney(event.amount, event.currency)} was deposited into your wallet.`,
        createdAt,
      };
    case 'WithdrawalMade':
      return {
        notificationId,
        userId,
        type: 'WITHDRAWAL_MADE',
        transactionId: event.transactionId,
        message: `${formatMoney(event.amount, event.currency)} was withdrawn from your wallet.`,
        createdAt,
      };
  }
};

/**
 * API.md: ORDER_COMPENSATION_FAILED reaches every admin too, with what an operator needs to act:
 * which order, whose, and the route that recovers it.
 */
export const adminNotificationFor = (
  event: OrderCompensationFailedEvent,
  adminId: string,
  notificationId: string,
): Notification => ({
  notificationId,
  userId: adminId,
  type: 'ORDER_COMPENSATION_FAILED',
  orderId: event.orderId,
  message: `Order ${event.orderId} of user ${event.userId} is COMPENSATION_FAILED: an undo step kept failing. Once its cause is fixed, POST /admin/orders/${event.orderId}/redrive finishes the undo.`,
  createdAt: event.occurredAt,
});
