import * as z from 'zod';
import { currencyCode, id } from './fields';

// The read APIs one context publishes for the others (no HTTP route; invoked with
// functions/lib/internal-calls.ts `callFunction`). The asking side and the answering side share these schemas,
// one per message, so neither can drift from the other.

/** One read API: the request the asking side sends and the answer it gets. */
export interface InternalCall<Q extends z.ZodType = z.ZodType, A extends z.ZodType = z.ZodType> {
  request: Q;
  answer: A;
}

const count = z.int().min(0);

/** The most products one question may name: an order has at most 50 items. */
export const MAX_QUOTED_PRODUCTS = 50;

/** Catalog `quoteProducts` (CATALOG_QUOTE_FUNCTION_NAME): the current price of each product. */
export const quoteProductsRequestSchema = z.strictObject({
  productIds: z.array(id).min(1).max(MAX_QUOTED_PRODUCTS),
});

export const quotedProductSchema = z.strictObject({
  productId: id,
  name: z.string().min(1),
  price: z.int().min(1),
  currency: currencyCode,
});

/** Only the products that exist, each once; an unknown id is simply absent. */
export const quoteProductsAnswerSchema = z.strictObject({
  products: z.array(quotedProductSchema),
});

export const quoteProductsCall = {
  request: quoteProductsRequestSchema,
  answer: quoteProductsAnswerSchema,
} satisfies InternalCall;

export type QuoteProductsRequest = z.infer<typeof quoteProductsRequestSchema>;
export type QuotedProduct = z.infer<typeof quotedProductSchema>;
export type QuoteProductsAnswer = z.infer<typeof quoteProductsAnswerSchema>;

/** Delivery `describeSlot` (DELIVERY_SLOT_FUNCTION_NAME): one slot as it stands now. */
export const describeSlotRequestSchema = z.strictObject({ slotId: id });

export const slotDescriptionSchema = z.strictObject({
  slotId: id,
  start: z.iso.datetime(),
  end: z.iso.datetime(),
  capacity: count,
  booked: count,
  available: count,
});

/** `slot` is null when there is no such slot. */
export const describeSlotAnswerSchema = z.strictObject({
  slot: slotDescriptionSchema.nullable(),
});

export const describeSlotCall = {
  request: describeSlotRequestSchema,
  answer: describeSlotAnswerSchema,
} satisfies InternalCall;

export type DescribeSlotRequest = z.infer<typeof describeSlotRequestSchema>;
export type SlotDescription = z.infer<typeof slotDescriptionSchema>;
export type DescribeSlotAnswer = z.infer<typeof describeSlotAnswerSchema>;

/**
 * Users `listAdmins` (ADMINS_FUNCTION_NAME): the user ids of every member of the `admin` group,
 * for the notifications an operator must see (ORDER_COMPENSATION_FAILED).
 */
export const listAdminsRequestSchema = z.strictObject({});

export const listAdminsAnswerSchema = z.strictObject({ userIds: z.array(id) });

export const listAdminsCall = {
  request: listAdminsRequestSchema,
  answer: listAdminsAnswerSchema,
} satisfies InternalCall;

export type ListAdminsAnswer = z.infer<typeof listAdminsAnswerSchema>;
