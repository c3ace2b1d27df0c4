import * as z from 'zod';
import { cancellationReasonSchema } from './http/orders';
import { currencyCode } from './fields';

// Event messages on the domain events topic. Publisher and subscribers share
// these schemas; the SNS message attribute `eventType` carries the same value
// for subscription filter policies.

export const userRegisteredEventSchema = z.strictObject({
  eventType: z.literal('UserRegistered'),
  userId: z.string().min(1),
  // The users context validated the address at sign-up; a subscriber must not
  // drop the event over a format quibble.
  email: z.string().min(1),
  name: z.string().min(1),
  occurredAt: z.iso.datetime({ offset: true }),
});

export type UserRegisteredEvent = z.infer<typeof userRegisteredEventSchema>;

// The order saga's ends, published by the orders context after the order's status changed (and
// again when the step is retried, so subscribers must be idempotent). `occurredAt` is the
// order's `updatedAt`, the time of the change: a republished event is identical to the first.

/** Who and when, in every event of an order's end. */
const orderParties = { orderId: z.string().min(1), userId: z.string().min(1) };
const occurredAt = z.iso.datetime({ offset: true });

export const orderConfirmedEventSchema = z.strictObject({
  eventType: z.literal('OrderConfirmed'),
  ...orderParties,
  total: z.int().min(0),
  currency: currencyCode,
  occurredAt,
});

export type OrderConfirmedEvent = z.infer<typeof orderConfirmedEventSchema>;

export const orderCancelledEventSchema = z.strictObject({
  eventType: z.literal('OrderCancelled'),
  ...orderParties,
  cancellationReason: cancellationReasonSchema,
  total: z.int().min(0),
  currency: currencyCode,
  occurredAt,
});

export type OrderCancelledEvent = z.infer<typeof orderCancelledEventSchema>;

/** An undo step failed for good: wallet, stock or slot may need an operator. */
export const orderCompensationFailedEventSchema = z.strictObject({
  eventType: z.literal('OrderCompensationFailed'),
  ...orderParties,
  occurredAt,
});

export type OrderCompensationFailedEvent = z.infer<typeof orderCompensationFailedEventSchema>;

// The catalog's: a product was created. Inventory opens its stock (0 units) on it.
export const productCreatedEventSchema = z.strictObject({
  eventType: z.literal('ProductCreated'),
  productId: z.string().min(1),
  name: z.string().min(1),
  price: z.int().min(1),
  currency: currencyCode,
  occurredAt: z.iso.datetime({ offset: true }),
});

export type ProductCreatedEvent = z.infer<typeof productCreatedEventSchema>;

// The payments context's: money moved into or out of a wallet by its owner. The notifications
// context records a message naming the amount; `transactionId` (the ledger row's) makes a
// redelivered event leave one message.
const walletMovementFields = {
  userId: z.string().min(1),
  transactionId: z.string().min(1),
  amount: z.int().min(1),
  currency: currencyCode,
  occurredAt: z.iso.datetime({ offset: true }),
};

export const depositReceivedEventSchema = z.strictObject({
  eventType: z.literal('DepositReceived'),
  ...walletMovementFields,
});

export type DepositReceivedEvent = z.infer<typeof depositReceivedEventSchema>;

export const withdrawalMadeEventSchema = z.strictObject({
  eventType: z.literal('WithdrawalMade'),
  ...walletMovementFields,
});

export type WithdrawalMadeEvent = z.infer<typeof withdrawalMadeEventSchema>;

/** Every event of the topic: what an outbox item may carry (functions/lib/outbox.ts). */
export const domainEventSchema = z.discriminatedUnion('eventType', [
  userRegisteredEventSchema,
  orderConfirmedEventSchema,
  orderCancelledEventSchema,
  orderCompensationFailedEventSchema,
  productCreatedEventSchema,
  depositReceivedEventSchema,
  withdrawalMadeEventSchema,
]);

export type DomainEvent = z.infer<typeof domainEventSchema>;
