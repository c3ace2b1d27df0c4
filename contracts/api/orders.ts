import * as z from 'zod';
import { currencyCode, id } from '../fields';

export const orderStatusSchema = z.enum([
  'PENDING',
  'CONFIRMED',
  'CANCELLED',
  'COMPENSATION_FAILED',
]);
export type OrderStatus = z.infer<typeof orderStatusSchema>;

/** API.md "Orders": why a CANCELLED order was cancelled. */
export const cancellationReasonSchema = z.enum([
  'PAYMENT_DECLINED',
  'OUT_OF_STOCK',
  'NO_DELIVERY_SLOT',
  'TECHNICAL_FAILURE',
]);
export type CancellationReason = z.infer<typeof cancellationReasonSchema>;

export const orderItemSchema = z.strictObject({
  productId: id,
  name: z.string(),
  quantity: z.int(),
  unitPrice: z.int(),
  lineTotal: z.int(),
});
export type OrderItem = z.infer<typeof orderItemSchema>;

/** API.md `Order`. */
export const orderSchema = z.strictObject({
  orderId: id,
  userId: id,
  status: orderStatusSchema,
  items: z.array(orderItemSchema),
  total: z.int(),
  currency: currencyCode,
  deliverySlotId: id,
  cancellationReason: cancellationReasonSchema.optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Order = z.infer<typeof orderSchema>;

/** 409 DUPLICATE_ORDER also carries the order already placed. */
export const duplicateOrderBodySchema = z.looseObject({ order: orderSchema });

export const sagaStatusSchema = z.enum(['RUNNING', 'SUCCEEDED', 'FAILED']);
export type SagaStatus = z.infer<typeof sagaStatusSchema>;
export const stepStatusSchema = z.enum(['SUCCEEDED', 'FAILED', 'CAUGHT', 'RETRIED']);
export type StepStatus = z.infer<typeof stepStatusSchema>;

export const sagaStepSchema = z.strictObject({
  state: z.string(),
  type: z.string(),
  status: stepStatusSchema,
  startedAt: z.string(),
  endedAt: z.string().optional(),
  error: z.string().optional(),
});
export type SagaStep = z.infer<typeof sagaStepSchema>;

/** API.md `SagaTrace`: the path one order's saga took. */
export const sagaTraceSchema = z.strictObject({
  orderId: id,
  executionId: z.string(),
  status: sagaStatusSchema,
  startedAt: z.string(),
  endedAt: z.string().optional(),
  steps: z.array(sagaStepSchema),
});
export type SagaTrace = z.infer<typeof sagaTraceSchema>;
