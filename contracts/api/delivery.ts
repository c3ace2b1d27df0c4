import * as z from 'zod';
import { id } from '../fields';

/** API.md "Delivery": a slot; `available` is capacity - booked. */
export const slotSchema = z.strictObject({
  slotId: id,
  start: z.string(),
  end: z.string(),
  capacity: z.int(),
  booked: z.int(),
  available: z.int(),
});
export type Slot = z.infer<typeof slotSchema>;
