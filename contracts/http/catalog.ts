import * as z from 'zod';
import { currencySchema, idSchema, pageOf, timestampSchema } from './common';

// API.md "Catalog".

// Field rules of a product, shared by the request schemas of the catalog's routes so that
// creating and changing a product cannot disagree on them.
export const MAX_NAME_LENGTH = 200;
export const MAX_DESCRIPTION_LENGTH = 2000;
/** In minor units: one million in the major unit is more than a shop of this kind sells. */
export const MAX_PRICE = 100_000_000;

export const productIdSchema = idSchema;
export const productNameSchema = z.string().trim().min(1).max(MAX_NAME_LENGTH);
export const productDescriptionSchema = z.string().trim().max(MAX_DESCRIPTION_LENGTH);
export const productPriceSchema = z.int().min(1).max(MAX_PRICE);

export const productPathSchema = z.strictObject({ productId: productIdSchema });

export const newProductSchema = z
  .strictObject({
    name: productNameSchema,
    description: productDescriptionSchema.optional(),
    price: productPriceSchema,
  })
  .meta({ id: 'NewProduct', example: { name: 'Mug', description: 'Blue, 300 ml', price: 1290 } });

export const productChangesSchema = z
  .strictObject({
    name: productNameSchema.optional(),
    description: productDescriptionSchema.optional(),
    price: productPriceSchema.optional(),
  })
  .meta({ id: 'ProductChanges', example: { price: 1490 } });

/** API.md `Product`. */
export const productSchema = z
  .strictObject({
    productId: idSchema,
    name: z.string(),
    description: z.string(),
    price: z.int().min(1),
    currency: currencySchema,
    createdAt: timestampSchema,
  })
  .meta({ id: 'Product' });
export type Product = z.infer<typeof productSchema>;

export const productPageSchema = pageOf(productSchema, 'ProductPage');
