import { MAX_CAPACITY } from '../../../../contracts/limits';
import {
  newSlot,
  planBooking,
  planBookingCancellation,
  slotDate,
  slotOf,
  type Booking,
} from '../../../../functions/delivery/domain/slot';
import { thrownBy } from '../../../support/thrown';

const booking = (status: Booking['status']): Booking => ({
  orderId: 'o-1',
  slotId: 's-1',
  status,
  createdAt: 'then',
  updatedAt: 'then',
});

describe('planBooking', () => {
  it('books while booked < capacity', () => {
    expect(planBooking(undefined, slotOf('s-1', 'a', 'b', 3, 2))).toEqual({ action: 'BOOK' });
  });

  it.each([
    ['the slot is full', slotOf('s-1', 'a', 'b', 3, 3)],
    ['the slot has capacity 0', slotOf('s-1', 'a', 'b', 0, 0)],
    ['there is no such slot', undefined],
  ])('fails with SlotUnavailable when %s', (_, slot) => {
    expect(thrownBy(() => planBooking(undefined, slot))).toMatchObject({ name: 'SlotUnavailable' });
  });

  it('does nothing when the order is already booked, even in a full slot', () => {
    expect(planBooking(booking('BOOKED'), slotOf('s-1', 'a', 'b', 1, 1))).toEqual({
      action: 'NONE',
      outcome: 'ALREADY_BOOKED',
    });
  });

  it('never books after a cancellation', () => {
    for (const status of ['CANCELLED', 'VOID'] as const) {
      expect(planBooking(booking(status), slotOf('s-1', 'a', 'b', 5, 0))).toEqual({
        action: 'NONE',
        outcome: 'ALREADY_CANCELLED',
      });
    }
  });
});

describe('planBookingCancellation', () => {
  it('gives the place back in the slot the booking recorded', () => {
    expect(planBookingCancellation(booking('BOOKED'))).toEqual({ action: 'CANCEL', slotId: 's-1' });
  });

  it('leaves a tombstone when nothing was booked', () => {
    expect(planBookingCancellation(undefined)).toEqual({ action: 'VOID' });
  });

  it.each(['CANCELLED', 'VOID'] as const)('does nothing when already %s', (status) => {
    expect(planBookingCancellation(booking(status))).toEqual({
      action: 'NONE',
      outcome: 'ALREADY_CANCELLED',
    });
  });
});

describe('newSlot', () => {
  it('normalises the times to UTC and lists the slot under its UTC date', () => {
    const slot = newSlot('s-1', {
      start: '2030-05-01T01:00:00+03:00',
      end: '2030-05-01T03:00:00+03:00',
      capacity: 4,
    });

    expect(slot).toEqual({
      slotId: 's-1',
      start: '2030-04-30T22:00:00.000Z',
      end: '2030-05-01T00:00:00.000Z',
      capacity: 4,
      booked: 0,
      available: 4,
    });
    expect(slotDate(slot)).toBe('2030-04-30');
  });

  it.each([
    [
      'an end before the start',
      { start: '2030-05-01T10:00:00Z', end: '2030-05-01T09:00:00Z', capacity: 1 },
    ],
    ['an invalid timestamp', { start: 'tomorrow', end: '2030-05-01T09:00:00Z', capacity: 1 }],
    [
      'a negative capacity',
      { start: '2030-05-01T10:00:00Z', end: '2030-05-01T11:00:00Z', capacity: -1 },
    ],
    [
      'a capacity above the maximum',
      { start: '2030-05-01T10:00:00Z', end: '2030-05-01T11:00:00Z', capacity: MAX_CAPACITY + 1 },
    ],
    [
      'a fractional capacity',
      { start: '2030-05-01T10:00:00Z', end: '2030-05-01T11:00:00Z', capacity: 1.5 },
    ],
  ])('refuses %s with ValidationFailed', (_, input) => {
    expect(thrownBy(() => newSlot('s-1', input))).toMatchObject({ name: 'ValidationFailed' });
  });

  it('names the field it refuses', () => {
    expect(
      thrownBy(() =>
        newSlot('s-1', { start: '2030-05-01T10:00:00Z', end: '2030-05-01T10:00:00Z', capacity: 1 }),
      ),
    ).toMatchObject({ details: [{ field: 'end', message: 'must be after start' }] });
  });

  it('accepts capacity 0', () => {
    expect(
      newSlot('s-1', { start: '2030-05-01T10:00:00Z', end: '2030-05-01T11:00:00Z', capacity: 0 }),
    ).toMatchObject({ capacity: 0, available: 0 });
  });
});
