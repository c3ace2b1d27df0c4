import * as z from 'zod';
import { MAX_CAPACITY } from '../limits';
import { idSchema, pageOf, pageQuerySchema, timestampSchema } from './common';

// API.md "Delivery".

// A day's schedule reads earliest first; like every list it pages with ?limit and ?cursor.
export const slotQuerySchema = pageQuerySchema.extend({
  date: z.iso.date().meta({ example: '2030-01-01' }),
});

// Times with an offset are taken and stored in UTC; that end is after start is the domain's rule.
export const newSlotSchema = z
  .strictObject({
    start: z.iso.datetime({ offset: true }),
    end: z.iso.datetime({ offset: true }),
    capacity: z.int().min(0).max(MAX_CAPACITY),
  })
  .meta({
    id: 'NewSlot',
    example: { start: '2030-01-01T09:00:00Z', end: '2030-01-01T11:00:00Z', capacity: 10 },
  });

const count = z.int().min(0);

/** API.md "Delivery": a slot; `available` is capacity - booked. */
export const slotSchema = z
  .strictObject({
    slotId: idSchema,
    start: timestampSchema,
    end: timestampSchema,
    capacity: count,
    booked: count,
    available: count,
  })
  .meta({ id: 'Slot' });
export type Slot = z.infer<typeof slotSchema>;

export const slotPageSchema = pageOf(slotSchema, 'SlotPage');
