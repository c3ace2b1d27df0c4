import { createDeliveryRepository } from '../../../functions/delivery/delivery-repository';
import { handler as describeSlot } from '../../../functions/delivery/handlers/describe-slot';
import { lambdaContext } from '../../support/lambda-context';
import { requiredEnv, uniqueId } from '../../support/saga-fixtures';

const delivery = createDeliveryRepository(requiredEnv('DELIVERY_TABLE_NAME'));

/** A day far ahead that no other test uses: its slots are this test's alone. */
const freshDay = (): string => {
  const day = new Date(Date.UTC(2100, 0, 1) + Math.floor(Math.random() * 300_000) * 86_400_000);
  return day.toISOString().slice(0, 10);
};

describe('delivery repository: a day of slots a page at a time', () => {
  it('pages the slots of a UTC day earliest first', async () => {
    const date = freshDay();
    const created = [];
    for (const hour of ['15', '09', '12']) {
      created.push(
        await delivery.createSlot({
          start: `${date}T${hour}:00:00Z`,
          end: `${date}T${hour}:59:00Z`,
          capacity: 2,
        }),
      );
    }

    const first = await delivery.pageSlotsByDate(date, { limit: 2 });
    const second = await delivery.pageSlotsByDate(date, { limit: 2, cursor: first.nextCursor });

    expect([...first.items, ...second.items].map((slot) => slot.start.slice(11, 13))).toEqual([
      '09',
      '12',
      '15',
    ]);
    expect(second.nextCursor).toBeUndefined();
  });

  it('answers an empty page for a day without slots', async () => {
    await expect(delivery.pageSlotsByDate(freshDay(), { limit: 20 })).resolves.toEqual({
      items: [],
    });
  });

  it("refuses another day's cursor with ValidationFailed", async () => {
    const date = freshDay();
    for (const hour of ['09', '10']) {
      await delivery.createSlot({
        start: `${date}T${hour}:00:00Z`,
        end: `${date}T${hour}:30:00Z`,
        capacity: 1,
      });
    }
    const { nextCursor } = await delivery.pageSlotsByDate(date, { limit: 1 });

    await expect(
      delivery.pageSlotsByDate(freshDay(), { limit: 1, cursor: nextCursor }),
    ).rejects.toMatchObject({ name: 'ValidationFailed' });
  });
});

describe('describeSlot (the delivery read API)', () => {
  it('describes a slot as it stands', async () => {
    const slot = await delivery.createSlot({
      start: '2099-04-01T09:00:00Z',
      end: '2099-04-01T11:00:00Z',
      capacity: 3,
    });

    await expect(describeSlot({ slotId: slot.slotId }, lambdaContext())).resolves.toEqual({
      slot: {
        slotId: slot.slotId,
        start: '2099-04-01T09:00:00.000Z',
        end: '2099-04-01T11:00:00.000Z',
        capacity: 3,
        booked: 0,
        available: 3,
      },
    });
  });

  it('answers null for a slot that does not exist', async () => {
    await expect(describeSlot({ slotId: uniqueId('slot') }, lambdaContext())).resolves.toEqual({
      slot: null,
    });
  });

  it('refuses a request outside its contract with ValidationFailed', async () => {
    await expect(describeSlot({ slotId: '' }, lambdaContext())).rejects.toMatchObject({
      name: 'ValidationFailed',
    });
  });
});
