import { ValidationFailed } from '../../lib/errors';
import { MAX_CAPACITY } from '../../../contracts/limits';
import { SlotUnavailable } from './errors';
import type { Slot } from '../../../contracts/http/delivery';

export type { Slot };

export interface NewSlot {
  start: string;
  end: string;
  capacity: number;
}

/**
 * BOOKED takes one place in the slot; CANCELLED gave it back; VOID is the
 * tombstone a cancellation leaves when there was nothing booked, so a late
 * booking can never take a place afterwards.
 */
export type BookingStatus = 'BOOKED' | 'CANCELLED' | 'VOID';

export interface Booking {
  orderId: string;
  slotId: string;
  status: BookingStatus;
  createdAt: string;
  updatedAt: string;
}

export const slotOf = (
  slotId: string,
  start: string,
  end: string,
  capacity: number,
  booked: number,
): Slot => ({ slotId, start, end, capacity, booked, available: Math.max(0, capacity - booked) });

const toUtc = (value: string, field: string): string => {
  const time = Date.parse(value);
  if (Number.isNaN(time)) {
    throw new ValidationFailed(`${field} must be an ISO-8601 timestamp`, {
      details: [{ field, message: 'invalid timestamp' }],
    });
  }
  return new Date(time).toISOString();
};

/** A new slot, its times normalised to UTC. */
export const newSlot = (slotId: string, { start, end, capacity }: NewSlot): Slot => {
  const startUtc = toUtc(start, 'start');
  const endUtc = toUtc(end, 'end');
  if (endUtc <= startUtc) {
    throw new ValidationFailed('end must be after start', {
      details: [{ field: 'end', message: 'must be after start' }],
    });
  }
  if (!Number.isSafeInteger(capacity) || capacity < 0 || capacity > MAX_CAPACITY) {
    throw new ValidationFailed(`capacity must be an integer from 0 to ${MAX_CAPACITY}`, {
      details: [{ field: 'capacity', message: `must be an integer from 0 to ${MAX_CAPACITY}` }],
    });
  }
  return slotOf(slotId, startUtc, endUtc, capacity, 0);
};

/** The UTC day a slot is listed under. */
export const slotDate = (slot: Pick<Slot, 'start'>): string => slot.start.slice(0, 10);

export type BookingPlan =
  { action: 'BOOK' } | { action: 'NONE'; outcome: 'ALREADY_BOOKED' | 'ALREADY_CANCELLED' };

/** BookDelivery: one place per order, never after a cancellation. */
export const planBooking = (existing: Booking | undefined, slot: Slot | undefined): BookingPlan => {
  if (existing) {
    return existing.status === 'BOOKED'
      ? { action: 'NONE', outcome: 'ALREADY_BOOKED' }
      : { action: 'NONE', outcome: 'ALREADY_CANCELLED' };
  }
  if (!slot) throw new SlotUnavailable('No such delivery slot');
  if (slot.booked >= slot.capacity) {
    throw new SlotUnavailable(
      slot.capacity === 0 ? 'The slot takes no deliveries' : 'The slot is full',
    );
  }
  return { action: 'BOOK' };
};

export type BookingCancellationPlan =
  | { action: 'CANCEL'; slotId: string }
  | { action: 'VOID' }
  | { action: 'NONE'; outcome: 'ALREADY_CANCELLED' };

/** CancelDelivery: gives the place back, or leaves a tombstone. */
export const planBookingCancellation = (existing: Booking | undefined): BookingCancellationPlan => {
  if (!existing) return { action: 'VOID' };
  return existing.status === 'BOOKED'
    ? { action: 'CANCEL', slotId: existing.slotId }
    : { action: 'NONE', outcome: 'ALREADY_CANCELLED' };
};
