import * as z from 'zod';
import { id } from '../../contracts/fields';
import { pageQuerySchema } from '../lib/dynamo/pagination';

// The orders routes' request messages (API.md "Orders"). Strict: a client can never set a
// price, a total, a status or a user.

export const placeOrderBodySchema = z.strictObject({
  items: z
    .array(
      z.strictObject({
        productId: id,
        quantity: z.int().min(1).max(100),
      }),
    )
    .min(1)
    .max(50)
    .refine(
      (items) => new Set(items.map((item) => item.productId)).size === items.length,
      'productIds must be distinct',
    ),
  deliverySlotId: id,
});

export type PlaceOrderBody = z.infer<typeof placeOrderBodySchema>;

export const orderPathSchema = z.strictObject({ orderId: id });

export const listOrdersQuerySchema = pageQuerySchema;

export const orderStatusSchema = z.enum([
  'PENDING',
  'CONFIRMED',
  'CANCELLED',
  'COMPENSATION_FAILED',
]);

/** GET /admin/orders: paged like every list, optionally of one status. */
export const listAllOrdersQuerySchema = pageQuerySchema.extend({
  status: orderStatusSchema.optional(),
});
