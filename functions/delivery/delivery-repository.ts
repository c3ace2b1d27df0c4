// Key design of the delivery table:
//   slot     pk=SLOT#<slotId>    sk=SLOT
//            start, end (UTC), capacity, booked (no updatedAt: a cancellation
//            leaves the item exactly as before); "booked < capacity" is a
//            condition between two attributes, so nothing derived is stored.
//            gsi1pk=DATE#<yyyy-mm-dd of start>, gsi1sk=<start>#<slotId> (index byDate)
//   booking  pk=ORDER#<orderId>  sk=BOOKING
//            slotId, status BOOKED|CANCELLED|VOID (VOID is the tombstone of a
//            cancellation that found nothing booked)
// BookDelivery writes the booking and the slot's guarded increment in one
// transaction; CancelDelivery flips the booking's status and gives the place
// back in one transaction guarded by the status as read.
import { randomUUID } from 'node:crypto';
import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { dynamoDb } from '../lib/aws/dynamodb';
import * as z from 'zod';
import { withOptimisticRetry } from '../lib/dynamo/conditional-writes';
import { queryPage } from '../lib/dynamo/paged-query';
import type { Page, PageQuery } from '../lib/dynamo/pagination';
import { storedItem } from '../lib/dynamo/stored-item';
import { tableAccess, type Item } from '../lib/dynamo/table';
import {
  newSlot,
  planBooking,
  planBookingCancellation,
  slotDate,
  slotOf,
  type Booking,
  type NewSlot,
  type Slot,
} from './domain/slot';

export const BY_DATE_INDEX = 'byDate';

const slotKey = (slotId: string) => ({ pk: `SLOT#${slotId}`, sk: 'SLOT' });
const bookingKey = (orderId: string) => ({ pk: `ORDER#${orderId}`, sk: 'BOOKING' });

const toSlot: (item: Item) => Slot = storedItem(
  z
    .object({
      slotId: z.string(),
      start: z.string(),
      end: z.string(),
      capacity: z.int(),
      booked: z.int(),
    })
    .transform(({ slotId, start, end, capacity, booked }) =>
      slotOf(slotId, start, end, capacity, booked),
    ),
);

const toBooking: (item: Item) => Booking = storedItem(
  z.object({
    orderId: z.string(),
    slotId: z.string(),
    status: z.enum(['BOOKED', 'CANCELLED', 'VOID']),
    createdAt: z.string(),
    updatedAt: z.string(),
  }),
);

export const createDeliveryRepository = (
  tableName: string,
  client: DynamoDBDocumentClient = dynamoDb,
) => {
  const table = tableAccess(tableName, client);

  const getSlot = (slotId: string): Promise<Slot | undefined> => table.get(slotKey(slotId), toSlot);

  const getBooking = (orderId: string): Promise<Booking | undefined> =>
    table.get(bookingKey(orderId), toBooking);

  /** The booking and the slot as of one instant. */
  const readForBooking = async (orderId: string, slotId: string) => {
    const [booking, slot] = await table.getAll([bookingKey(orderId), slotKey(slotId)]);
    return {
      booking: booking ? toBooking(booking) : undefined,
      slot: slot ? toSlot(slot) : undefined,
    };
  };

  return {
    getSlot,
    getBooking,

    async createSlot(input: NewSlot): Promise<Slot> {
      const slot = newSlot(randomUUID(), input);
      const { slotId, start, end, capacity, booked } = slot;
      await table.putNew({
        ...slotKey(slotId),
        slotId,
        start,
        end,
        capacity,
        booked,
        gsi1pk: `DATE#${slotDate(slot)}`,
        gsi1sk: `${start}#${slotId}`,
      });
      return slot;
    },

    /** The slots starting on a UTC day (yyyy-mm-dd), earliest first. */
    async listSlotsByDate(date: string): Promise<Slot[]> {
      const slots: Slot[] = [];
      let startKey: Record<string, unknown> | undefined;
      do {
        const page = await client.send(
          new QueryCommand({
            TableName: tableName,
            IndexName: BY_DATE_INDEX,
            KeyConditionExpression: 'gsi1pk = :date',
            ExpressionAttributeValues: { ':date': `DATE#${date}` },
            ExclusiveStartKey: startKey,
          }),
        );
        slots.push(...(page.Items ?? []).map(toSlot));
        startKey = page.LastEvaluatedKey;
      } while (startKey);
      return slots;
    },

    /** The slots starting on a UTC day (yyyy-mm-dd), earliest first, a page at a time. */
    pageSlotsByDate(date: string, page: PageQuery): Promise<Page<Slot>> {
      return queryPage(
        client,
        {
          input: {
            TableName: tableName,
            IndexName: BY_DATE_INDEX,
            KeyConditionExpression: 'gsi1pk = :date',
            ExpressionAttributeValues: { ':date': `DATE#${date}` },
          },
          keyAttributes: ['pk', 'sk', 'gsi1pk', 'gsi1sk'],
          isPositionIn: (key) =>
            key.gsi1pk === `DATE#${date}` &&
            key.sk === 'SLOT' &&
            key.pk?.startsWith('SLOT#') === true,
        },
        page,
        toSlot,
      );
    },

    /** BookDelivery. Throws SlotUnavailable. */
    bookForOrder(orderId: string, slotId: string) {
      return withOptimisticRetry('BookDelivery', async () => {
        const { booking, slot } = await readForBooking(orderId, slotId);
        const plan = planBooking(booking, slot);
        if (plan.action === 'NONE') return { outcome: plan.outcome };
        const now = new Date().toISOString();
        const newBooking: Booking = {
          orderId,
          slotId,
          status: 'BOOKED',
          createdAt: now,
          updatedAt: now,
        };
        await table.transact([
          table.putNewItem({ ...bookingKey(orderId), ...newBooking }),
          {
            Update: {
              TableName: tableName,
              Key: slotKey(slotId),
              UpdateExpression: 'SET booked = booked + :one',
              ConditionExpression: 'attribute_exists(pk) AND booked < #capacity',
              ExpressionAttributeNames: { '#capacity': 'capacity' },
              ExpressionAttributeValues: { ':one': 1 },
            },
          },
        ]);
        return { outcome: 'BOOKED' as const };
      });
    },

    /** CancelDelivery: gives the place back, or leaves a tombstone. */
    cancelForOrder(orderId: string, slotId: string) {
      return withOptimisticRetry('CancelDelivery', async () => {
        const plan = planBookingCancellation(await getBooking(orderId));
        const now = new Date().toISOString();
        switch (plan.action) {
          case 'NONE':
            return { outcome: plan.outcome };
          case 'VOID': {
            const tombstone: Booking = {
              orderId,
              slotId,
              status: 'VOID',
              createdAt: now,
              updatedAt: now,
            };
            await table.putNew({ ...bookingKey(orderId), ...tombstone });
            return { outcome: 'NOTHING_TO_CANCEL' as const };
          }
          case 'CANCEL': {
            await table.transact([
              table.statusChangeItem(bookingKey(orderId), 'BOOKED', 'CANCELLED', now),
              {
                Update: {
                  TableName: tableName,
                  // The booked slot, which the booking recorded.
                  Key: slotKey(plan.slotId),
                  UpdateExpression: 'SET booked = booked - :one',
                  ConditionExpression: 'attribute_exists(pk) AND booked >= :one',
                  ExpressionAttributeValues: { ':one': 1 },
                },
              },
            ]);
            return { outcome: 'CANCELLED' as const };
          }
        }
      });
    },
  };
};

export type DeliveryRepository = ReturnType<typeof createDeliveryRepository>;
