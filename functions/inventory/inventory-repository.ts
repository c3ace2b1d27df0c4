// Key design of the inventory table:
//   stock        pk=PRODUCT#<productId>  sk=STOCK
//                onHand, reserved, available (= onHand - reserved, stored so
//                that a condition can compare it without arithmetic). No
//                updatedAt: a release leaves the item exactly as before.
//   reservation  pk=ORDER#<orderId>      sk=RESERVATION
//                items [{productId, quantity}], status RESERVED|RELEASED|VOID
//                (VOID is the tombstone of a release that found nothing)
// A product's stock is opened (0 units) when the catalog announces the product (ProductCreated),
// or by the first PUT of its units on hand, whichever comes first; the other leaves it as it is.
// ReserveStock writes the reservation and one guarded update per product in a
// single transaction (all or none); ReleaseStock flips the reservation's status
// and gives the units back in one transaction guarded by the status as read.
import { UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { dynamoDb } from '../lib/aws/dynamodb';
import * as z from 'zod';
import { isConditionalCheckFailed, withOptimisticRetry } from '../lib/dynamo/conditional-writes';
import { storedItem } from '../lib/dynamo/stored-item';
import { tableAccess, type Item, type TransactItem } from '../lib/dynamo/table';
import {
  assertOnHand,
  assertOnHandCoversReserved,
  emptyStock,
  planReservation,
  planStockRelease,
  stockLevel,
  type Reservation,
  type StockItem,
  type StockLevel,
} from './domain/stock';

const stockKey = (productId: string) => ({ pk: `PRODUCT#${productId}`, sk: 'STOCK' });
const reservationKey = (orderId: string) => ({ pk: `ORDER#${orderId}`, sk: 'RESERVATION' });

const toStock: (item: Item) => StockLevel = storedItem(
  z
    .object({ productId: z.string(), onHand: z.int(), reserved: z.int() })
    .transform(({ productId, onHand, reserved }) => stockLevel(productId, onHand, reserved)),
);

const toReservation: (item: Item) => Reservation = storedItem(
  z.object({
    orderId: z.string(),
    items: z.array(z.object({ productId: z.string(), quantity: z.int() })),
    status: z.enum(['RESERVED', 'RELEASED', 'VOID']),
    createdAt: z.string(),
    updatedAt: z.string(),
  }),
);

export const createInventoryRepository = (
  tableName: string,
  client: DynamoDBDocumentClient = dynamoDb,
) => {
  const table = tableAccess(tableName, client);

  /** `guard` is the invariant the change must keep, e.g. never oversell. */
  const stockChange =
    (update: string, guard: string) =>
    ({ productId, quantity }: StockItem): TransactItem => ({
      Update: {
        TableName: tableName,
        Key: stockKey(productId),
        UpdateExpression: `SET ${update}`,
        ConditionExpression: `attribute_exists(pk) AND ${guard}`,
        ExpressionAttributeValues: { ':quantity': quantity },
      },
    });

  const getStock = (productId: string): Promise<StockLevel | undefined> =>
    table.get(stockKey(productId), toStock);

  const getReservation = (orderId: string): Promise<Reservation | undefined> =>
    table.get(reservationKey(orderId), toReservation);

  /** The reservation and the stock of every item as of one instant. */
  const readForReservation = async (orderId: string, items: readonly StockItem[]) => {
    const [reservation, ...stocks] = await table.getAll([
      reservationKey(orderId),
      ...items.map(({ productId }) => stockKey(productId)),
    ]);
    const byProduct = new Map<string, StockLevel>();
    for (const level of stocks.filter((stock) => stock !== undefined).map(toStock))
      byProduct.set(level.productId, level);
    return {
      reservation: reservation ? toReservation(reservation) : undefined,
      stockOf: (productId: string) => byProduct.get(productId),
    };
  };

  return {
    getStock,
    getReservation,

    /** Opens a product's stock with 0 units; an existing stock record is left as it is. */
    async openStock(productId: string): Promise<{ stock: StockLevel; created: boolean }> {
      const stock = emptyStock(productId);
      try {
        await table.putNew({ ...stockKey(productId), ...stock });
        return { stock, created: true };
      } catch (error) {
        if (!isConditionalCheckFailed(error)) throw error;
        const existing = await getStock(productId);
        if (!existing) throw error;
        return { stock: existing, created: false };
      }
    },

    /** Sets the units on hand; creates the stock record on first use. Throws Conflict. */
    async setOnHand(productId: string, onHand: number): Promise<StockLevel> {
      assertOnHand(onHand);
      await withOptimisticRetry('SetOnHand', async () => {
        assertOnHandCoversReserved(await getStock(productId), onHand);
        await client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: stockKey(productId),
            // Computed from the stored `reserved` so that a reservation
            // landing between the read and this write is still counted.
            UpdateExpression:
              'SET productId = :productId, onHand = :onHand, ' +
              'reserved = if_not_exists(reserved, :zero), ' +
              'available = :onHand - if_not_exists(reserved, :zero)',
            ConditionExpression: 'attribute_not_exists(pk) OR reserved <= :onHand',
            ExpressionAttributeValues: { ':productId': productId, ':onHand': onHand, ':zero': 0 },
          }),
        );
      });
      const stock = await getStock(productId);
      return stock ?? stockLevel(productId, onHand, 0);
    },

    /** ReserveStock. Throws OutOfStock. */
    reserveForOrder(orderId: string, items: readonly StockItem[]) {
      return withOptimisticRetry('ReserveStock', async () => {
        const { reservation, stockOf } = await readForReservation(orderId, items);
        const plan = planReservation(reservation, items, stockOf);
        if (plan.action === 'NONE') return { outcome: plan.outcome };
        const now = new Date().toISOString();
        const newReservation: Reservation = {
          orderId,
          items: items.map(({ productId, quantity }) => ({ productId, quantity })),
          status: 'RESERVED',
          createdAt: now,
          updatedAt: now,
        };
        await table.transact([
          table.putNewItem({ ...reservationKey(orderId), ...newReservation }),
          ...items.map(
            stockChange(
              'reserved = reserved + :quantity, available = available - :quantity',
              'available >= :quantity',
            ),
          ),
        ]);
        return { outcome: 'RESERVED' as const };
      });
    },

    /** ReleaseStock: gives the order's units back, or leaves a tombstone. */
    releaseForOrder(orderId: string) {
      return withOptimisticRetry('ReleaseStock', async () => {
        const plan = planStockRelease(await getReservation(orderId));
        const now = new Date().toISOString();
        switch (plan.action) {
          case 'NONE':
            return { outcome: plan.outcome };
          case 'VOID': {
            const tombstone: Reservation = {
              orderId,
              items: [],
              status: 'VOID',
              createdAt: now,
              updatedAt: now,
            };
            await table.putNew({ ...reservationKey(orderId), ...tombstone });
            return { outcome: 'NOTHING_TO_RELEASE' as const };
          }
          case 'RELEASE': {
            await table.transact([
              table.statusChangeItem(reservationKey(orderId), 'RESERVED', 'RELEASED', now),
              ...plan.items.map(
                stockChange(
                  'reserved = reserved - :quantity, available = available + :quantity',
                  'reserved >= :quantity',
                ),
              ),
            ]);
            return { outcome: 'RELEASED' as const };
          }
        }
      });
    },
  };
};

export type InventoryRepository = ReturnType<typeof createInventoryRepository>;
