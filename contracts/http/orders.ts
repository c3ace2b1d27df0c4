import * as z from 'zod';
import {
  listOrdersQuerySchema,
  orderPathSchema,
  placeOrderBodySchema,
} from '../../functions/orders/order-schemas';
import { amountSchema, currencySchema, errorSchema, pageOf, timestampSchema } from './common';

// API.md "Orders". The request schemas are the orders context's own (order-schemas.ts).

export { listOrdersQuerySchema, orderPathSchema };

export const orderRequestSchema = placeOrderBodySchema.meta({
  id: 'OrderRequest',
  example: { items: [{ productId: 'p-1', quantity: 2 }], deliverySlotId: 's-1' },
});

export const orderSchema = z
  .strictObject({
    orderId: z.string(),
    userId: z.string(),
    status: z.enum(['PENDING', 'CONFIRMED', 'CANCELLED', 'COMPENSATION_FAILED']),
    items: z.array(
      z.strictObject({
        productId: z.string(),
        name: z.string(),
        quantity: z.int().min(1),
        unitPrice: amountSchema,
        lineTotal: amountSchema,
      }),
    ),
    total: amountSchema,
    currency: currencySchema,
    deliverySlotId: z.string(),
    cancellationReason: z
      .enum(['PAYMENT_DECLINED', 'OUT_OF_STOCK', 'NO_DELIVERY_SLOT', 'TECHNICAL_FAILURE'])
      .optional(),
    createdAt: timestampSchema,
    updatedAt: timestampSchema,
  })
  .meta({ id: 'Order' });

export const orderPageSchema = pageOf(orderSchema, 'OrderPage');

/** 409 DUPLICATE_ORDER carries the order it duplicates; other 409s carry none. */
export const orderConflictSchema = z
  .strictObject({ error: errorSchema, order: orderSchema.optional() })
  .meta({ id: 'OrderConflict' });

export const sagaTraceSchema = z
  .strictObject({
    orderId: z.string(),
    executionId: z.string(),
    status: z.enum(['RUNNING', 'SUCCEEDED', 'FAILED']),
    startedAt: timestampSchema,
    endedAt: timestampSchema.optional(),
    steps: z.array(
      z.strictObject({
        state: z.string(),
        type: z.string(),
        status: z.enum(['SUCCEEDED', 'FAILED', 'CAUGHT', 'RETRIED']),
        startedAt: timestampSchema,
        endedAt: timestampSchema.optional(),
        error: z.string().optional(),
      }),
    ),
  })
  .meta({ id: 'SagaTrace' });
