import * as z from 'zod';
import { currencyCode, id } from '../fields';

/** API.md `Product`. */
export const productSchema = z.strictObject({
  productId: id,
  name: z.string(),
  description: z.string(),
  price: z.int(),
  currency: currencyCode,
  createdAt: z.string(),
});
export type Product = z.infer<typeof productSchema>;
