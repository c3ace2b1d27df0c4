import * as z from 'zod';
import {
  productDescriptionSchema,
  productIdSchema,
  productNameSchema,
  productPriceSchema,
} from '../../functions/catalog/domain/product';
import { currencySchema, idSchema, pageOf, timestampSchema } from './common';

// API.md "Catalog".

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
