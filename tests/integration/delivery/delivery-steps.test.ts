import { handler as bookDelivery } from '../../../functions/delivery/handlers/book-delivery';
import { handler as cancelDelivery } from '../../../functions/delivery/handlers/cancel-delivery';
import { createDeliveryRepository } from '../../../functions/delivery/delivery-repository';
import type { OrderSagaInput } from '../../../contracts/order-saga';
import { invokeStep, type SagaHandler } from '../../support/lambda-context';
import { requiredEnv, sagaInput, uniqueId } from '../../support/saga-fixtures';
import { snapshotTable } from '../../support/table-snapshot';

const tableName = requiredEnv('DELIVERY_TABLE_NAME');
const delivery = createDeliveryRepository(tableName);

// Far-future dates keep these slots apart from the seeded ones.
const slotWith = async (capacity: number) => {
  const day = `2091-0${1 + Math.floor(Math.random() * 9)}-1${Math.floor(Math.random() * 9)}`;
  const slot = await delivery.createSlot({
    start: `${day}T09:00:00.000Z`,
    end: `${day}T11:00:00.000Z`,
    capacity,
  });
  return { slot, input: sagaInput({ deliverySlotId: slot.slotId }) };
};

const snapshot = (input: OrderSagaInput) =>
  snapshotTable(tableName, [input.orderId, input.deliverySlotId]);

const slotItem = async (input: OrderSagaInput) =>
  (await snapshot(input)).find((item) => item.sk === 'SLOT');

const expectIdempotent = async (step: SagaHandler, input: OrderSagaInput) => {
  await invokeStep(step, input);
  const afterOnce = await snapshot(input);
  await expect(invokeStep(step, input)).resolves.toBeDefined();
  expect(await snapshot(input)).toEqual(afterOnce);
};

describe('BookDelivery', () => {
  it('books one place in the slot for the order', async () => {
    const { slot, input } = await slotWith(3);

    await expect(invokeStep(bookDelivery, input)).resolves.toEqual({ outcome: 'BOOKED' });

    expect(await delivery.getSlot(slot.slotId)).toMatchObject({
      capacity: 3,
      booked: 1,
      available: 2,
    });
    expect(await delivery.getBooking(input.orderId)).toMatchObject({
      slotId: slot.slotId,
      status: 'BOOKED',
    });
  });

  it('fails with SlotUnavailable and changes nothing when the slot is full', async () => {
    const { input } = await slotWith(1);
    await invokeStep(bookDelivery, input);
    const second = { ...input, orderId: uniqueId('order') };
    const before = await snapshot(second);

    await expect(invokeStep(bookDelivery, second)).rejects.toMatchObject({
      name: 'SlotUnavailable',
    });

    expect(await snapshot(second)).toEqual(before);
  });

  it('fails with SlotUnavailable and changes nothing when the slot has capacity 0', async () => {
    const { input } = await slotWith(0);
    const before = await snapshot(input);

    await expect(invokeStep(bookDelivery, input)).rejects.toMatchObject({
      name: 'SlotUnavailable',
    });

    expect(await snapshot(input)).toEqual(before);
  });

  it('fails with SlotUnavailable and writes nothing when the slot does not exist', async () => {
    const input = sagaInput();

    await expect(invokeStep(bookDelivery, input)).rejects.toMatchObject({
      name: 'SlotUnavailable',
    });

    expect(await snapshot(input)).toEqual([]);
  });

  it('books once when invoked twice for the same order', async () => {
    const { slot, input } = await slotWith(3);

    await expectIdempotent(bookDelivery, input);

    expect(await delivery.getSlot(slot.slotId)).toMatchObject({ booked: 1 });
  });

  it('never books a place for an order whose delivery was already cancelled', async () => {
    const { input } = await slotWith(3);
    await invokeStep(cancelDelivery, input);
    const before = await snapshot(input);

    await expect(invokeStep(bookDelivery, input)).resolves.toEqual({
      outcome: 'ALREADY_CANCELLED',
    });

    expect(await snapshot(input)).toEqual(before);
  });

  it('books exactly as many of 15 parallel orders as the slot has places', async () => {
    const { slot, input } = await slotWith(4);
    const inputs = Array.from({ length: 15 }, () => ({ ...input, orderId: uniqueId('order') }));

    const results = await Promise.allSettled(
      inputs.map((order) => invokeStep(bookDelivery, order)),
    );

    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(4);
    const rejections = results.flatMap((result) =>
      result.status === 'rejected' ? [(result.reason as Error).name] : [],
    );
    expect(rejections).toEqual(Array.from({ length: 11 }, () => 'SlotUnavailable'));
    expect(await delivery.getSlot(slot.slotId)).toMatchObject({
      capacity: 4,
      booked: 4,
      available: 0,
    });
  });
});

describe('CancelDelivery', () => {
  it('gives the place back, leaving the slot exactly as before the booking', async () => {
    const { input } = await slotWith(3);
    const before = await slotItem(input);
    await invokeStep(bookDelivery, input);

    await expect(invokeStep(cancelDelivery, input)).resolves.toEqual({ outcome: 'CANCELLED' });

    expect(await slotItem(input)).toEqual(before);
    expect(await delivery.getBooking(input.orderId)).toMatchObject({ status: 'CANCELLED' });
  });

  it('succeeds without touching the slot when nothing was booked', async () => {
    const { input } = await slotWith(3);
    const before = await slotItem(input);

    await expect(invokeStep(cancelDelivery, input)).resolves.toEqual({
      outcome: 'NOTHING_TO_CANCEL',
    });

    expect(await slotItem(input)).toEqual(before);
    expect(await delivery.getBooking(input.orderId)).toMatchObject({ status: 'VOID' });
  });

  it('cancels once when invoked twice after a booking', async () => {
    const { slot, input } = await slotWith(3);
    await invokeStep(bookDelivery, input);

    await expectIdempotent(cancelDelivery, input);

    expect(await delivery.getSlot(slot.slotId)).toMatchObject({ booked: 0 });
  });

  it('leaves the same state when invoked twice with nothing booked', async () => {
    const { input } = await slotWith(3);

    await expectIdempotent(cancelDelivery, input);
  });

  it('settles one way when a booking races its cancellation', async () => {
    const { slot, input } = await slotWith(3);

    await Promise.allSettled([invokeStep(bookDelivery, input), invokeStep(cancelDelivery, input)]);

    expect(await delivery.getSlot(slot.slotId)).toMatchObject({ booked: 0 });
    expect(['VOID', 'CANCELLED']).toContain((await delivery.getBooking(input.orderId))?.status);
  });
});

describe('delivery repository', () => {
  it('creates a slot with its times in UTC and lists it under its UTC date', async () => {
    const slot = await delivery.createSlot({
      start: '2092-03-04T23:30:00+02:00',
      end: '2092-03-05T01:30:00+02:00',
      capacity: 2,
    });

    expect(slot).toMatchObject({
      start: '2092-03-04T21:30:00.000Z',
      end: '2092-03-04T23:30:00.000Z',
      capacity: 2,
      booked: 0,
      available: 2,
    });
    expect(await delivery.getSlot(slot.slotId)).toEqual(slot);
    expect(await delivery.listSlotsByDate('2092-03-04')).toContainEqual(slot);
  });

  it('refuses with ValidationFailed a slot that ends before it starts or has negative capacity', async () => {
    await expect(
      delivery.createSlot({
        start: '2092-01-01T10:00:00Z',
        end: '2092-01-01T09:00:00Z',
        capacity: 1,
      }),
    ).rejects.toMatchObject({ name: 'ValidationFailed' });
    await expect(
      delivery.createSlot({
        start: '2092-01-01T10:00:00Z',
        end: '2092-01-01T11:00:00Z',
        capacity: -1,
      }),
    ).rejects.toMatchObject({ name: 'ValidationFailed' });
  });
});
