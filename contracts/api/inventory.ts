import * as z from 'zod';
import { id } from '../fields';

/** API.md `StockLevel`: `available` is onHand - reserved, never negative. */
export const stockLevelSchema = z.strictObject({
  productId: id,
  onHand: z.int(),
  reserved: z.int(),
  available: z.int(),
});
export type StockLevel = z.infer<typeof stockLevelSchema>;
