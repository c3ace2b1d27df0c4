import * as z from 'zod';

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

const orderCurrencySchema = z.string().regex(/^[A-Z]{3}$/);

const orderCancellationReasonSchema = z.enum([
  'PAYMENT_DECLINED',
  'OUT_OF_STOCK',
  'NO_DELIVERY_SLOT',
  'TECHNICAL_FAILURE',
]);

export const orderConfirmedEventSchema = z.strictObject({
  eventType: z.literal('OrderConfirmed'),
  orderId: z.string().min(1),
  userId: z.string().min(1),
  total: z.int().min(0),
  currency: orderCurrencySchema,
  occurredAt: z.iso.datetime({ offset: true }),
});

export type OrderConfirmedEvent = z.infer<typeof orderConfirmedEventSchema>;

export const orderCancelledEventSchema = z.strictObject({
  eventType: z.literal('OrderCancelled'),
  orderId: z.string().min(1),
  userId: z.string().min(1),
  cancellationReason: orderCancellationReasonSchema,
  total: z.int().min(0),
  currency: orderCurrencySchema,
  occurredAt: z.iso.datetime({ offset: true }),
});

export type OrderCancelledEvent = z.infer<typeof orderCancelledEventSchema>;

/** An undo step failed for good: wallet, stock or slot may need an operator. */
export const orderCompensationFailedEventSchema = z.strictObject({
  eventType: z.literal('OrderCompensationFailed'),
  orderId: z.string().min(1),
  userId: z.string().min(1),
  occurredAt: z.iso.datetime({ offset: true }),
});

export type OrderCompensationFailedEvent = z.infer<typeof orderCompensationFailedEventSchema>;

// The catalog's: a product was created. Inventory opens its stock (0 units) on it.
export const productCreatedEventSchema = z.strictObject({
  eventType: z.literal('ProductCreated'),
  productId: z.string().min(1),
  name: z.string().min(1),
  price: z.int().min(1),
  currency: z.string().regex(/^[A-Z]{3}$/),
  occurredAt: z.iso.datetime({ offset: true }),
});

export type ProductCreatedEvent = z.infer<typeof productCreatedEventSchema>;
