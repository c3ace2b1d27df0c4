import * as z from 'zod';
import { MAX_ON_HAND } from '../limits';
import { idSchema } from './common';

// API.md "Inventory".

export const stockPathSchema = z.strictObject({ productId: idSchema });

export const onHandSchema = z
  .strictObject({ onHand: z.int().min(0).max(MAX_ON_HAND) })
  .meta({ id: 'OnHand', example: { onHand: 50 } });

const count = z.int().min(0);

/** API.md `StockLevel`: `available` is onHand - reserved, never negative. */
export const stockLevelSchema = z
  .strictObject({ productId: idSchema, onHand: count, reserved: count, available: count })
  .meta({ id: 'StockLevel', description: 'available = onHand - reserved' });
export type StockLevel = z.infer<typeof stockLevelSchema>;
