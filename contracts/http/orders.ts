import * as z from 'zod';
import {
  listOrdersQuerySchema,
  orderPathSchema,
  placeOrderBodySchema,
} from '../../functions/orders/order-schemas';
import {
  amountSchema,
  currencySchema,
  errorSchema,
  idSchema,
  pageOf,
  timestampSchema,
} from './common';

// API.md "Orders". The request schemas are the orders context's own (order-schemas.ts).

export { listOrdersQuerySchema, orderPathSchema };

export const orderRequestSchema = placeOrderBodySchema.meta({
  id: 'OrderRequest',
  example: { items: [{ productId: 'p-1', quantity: 2 }], deliverySlotId: 's-1' },
});

export const orderStatusSchema = z.enum([
  'PENDING',
  'CONFIRMED',
  'CANCELLED',
  'COMPENSATION_FAILED',
]);
export type OrderStatus = z.infer<typeof orderStatusSchema>;

/** Why a CANCELLED order was cancelled. */
export const cancellationReasonSchema = z.enum([
  'PAYMENT_DECLINED',
  'OUT_OF_STOCK',
  'NO_DELIVERY_SLOT',
  'TECHNICAL_FAILURE',
]);
export type CancellationReason = z.infer<typeof cancellationReasonSchema>;

export const orderItemSchema = z.strictObject({
  productId: idSchema,
  name: z.string(),
  quantity: z.int().min(1),
  unitPrice: amountSchema,
  lineTotal: amountSchema,
});
export type OrderItem = z.infer<typeof orderItemSchema>;

/** API.md `Order`. */
export const orderSchema = z
  .strictObject({
    orderId: idSchema,
    userId: idSchema,
    status: orderStatusSchema,
    items: z.array(orderItemSchema),
    total: amountSchema,
    currency: currencySchema,
    deliverySlotId: idSchema,
    cancellationReason: cancellationReasonSchema.optional(),
    createdAt: timestampSchema,
    updatedAt: timestampSchema,
  })
  .meta({ id: 'Order' });
export type Order = z.infer<typeof orderSchema>;

export const orderPageSchema = pageOf(orderSchema, 'OrderPage');

/** 409 DUPLICATE_ORDER carries the order it duplicates; other 409s carry none. */
export const orderConflictSchema = z
  .strictObject({ error: errorSchema, order: orderSchema.optional() })
  .meta({ id: 'OrderConflict' });

export const sagaStatusSchema = z.enum(['RUNNING', 'SUCCEEDED', 'FAILED']);
export type SagaStatus = z.infer<typeof sagaStatusSchema>;
export const stepStatusSchema = z.enum(['SUCCEEDED', 'FAILED', 'CAUGHT', 'RETRIED']);
export type StepStatus = z.infer<typeof stepStatusSchema>;

export const sagaStepSchema = z.strictObject({
  state: z.string(),
  type: z.string(),
  status: stepStatusSchema,
  startedAt: timestampSchema,
  endedAt: timestampSchema.optional(),
  error: z.string().optional(),
});
export type SagaStep = z.infer<typeof sagaStepSchema>;

/** API.md `SagaTrace`: the path one order's saga took. */
export const sagaTraceSchema = z
  .strictObject({
    orderId: idSchema,
    executionId: z.string(),
    status: sagaStatusSchema,
    startedAt: timestampSchema,
    endedAt: timestampSchema.optional(),
    steps: z.array(sagaStepSchema),
    /** When an admin redrove the execution (its ExecutionRedriven events); absent if never. */
    redrivenAt: z.array(timestampSchema).optional(),
  })
  .meta({ id: 'SagaTrace' });
export type SagaTrace = z.infer<typeof sagaTraceSchema>;
