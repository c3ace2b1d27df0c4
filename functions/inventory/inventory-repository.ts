// Key design of the inventory table:
//   stock        pk=PRODUCT#<productId>  sk=STOCK
//                onHand, reserved, available (= onHand - reserved, stored so
//                that a condition can compare it without arithmetic). No
//                updatedAt: a release leaves the item exactly as before.
//   reservation  pk=ORDER#<orderId>      sk=RESERVATION
//                items [{productId, quantity}], status RESERVED|RELEASED|VOID
//                (VOID is the tombstone of a release that found nothing)
// ReserveStock writes the reservation and one guarded update per product in a
// single transaction (all or none); ReleaseStock flips the reservation's status
// and gives the units back in one transaction guarded by the status as read.
import {
  GetCommand,
  PutCommand,
  TransactGetCommand,
  TransactWriteCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { dynamoDb } from '../shared/aws-clients';
import { withOptimisticRetry } from '../shared/dynamo';
import {
  assertOnHand,
  assertOnHandCoversReserved,
  planReservation,
  planStockRelease,
  stockLevel,
  type Reservation,
  type StockItem,
  type StockLevel,
} from './domain/stock';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];
type Item = Record<string, unknown>;

const stockKey = (productId: string) => ({ pk: `PRODUCT#${productId}`, sk: 'STOCK' });
const reservationKey = (orderId: string) => ({ pk: `ORDER#${orderId}`, sk: 'RESERVATION' });

const toStock = (item: Item): StockLevel =>
  stockLevel(item.productId as string, item.onHand as number, item.reserved as number);

const toReservation = (item: Item): Reservation => ({
  orderId: item.orderId as string,
  items: (item.items as StockItem[]).map(({ productId, quantity }) => ({ productId, quantity })),
  status: item.status as Reservation['status'],
  createdAt: item.createdAt as string,
  updatedAt: item.updatedAt as string,
});

export const createInventoryRepository = (
  tableName: string,
  client: DynamoDBDocumentClient = dynamoDb,
) => {
  const transact = (items: TransactItem[]) =>
    client.send(new TransactWriteCommand({ TransactItems: items }));

  const getStock = async (productId: string): Promise<StockLevel | undefined> => {
    const { Item } = await client.send(
      new GetCommand({ TableName: tableName, Key: stockKey(productId), ConsistentRead: true }),
    );
    return Item ? toStock(Item) : undefined;
  };

  const getReservation = async (orderId: string): Promise<Reservation | undefined> => {
    const { Item } = await client.send(
      new GetCommand({ TableName: tableName, Key: reservationKey(orderId), ConsistentRead: true }),
    );
    return Item ? toReservation(Item) : undefined;
  };

  /** The reservation and the stock of every item as of one instant. */
  const readForReservation = async (orderId: string, items: readonly StockItem[]) => {
    const { Responses } = await client.send(
      new TransactGetCommand({
        TransactItems: [
          { Get: { TableName: tableName, Key: reservationKey(orderId) } },
          ...items.map(({ productId }) => ({
            Get: { TableName: tableName, Key: stockKey(productId) },
          })),
        ],
      }),
    );
    const [reservation, ...stocks] = (Responses ?? []).map((response) => response.Item);
    const byProduct = new Map<string, StockLevel>();
    for (const stock of stocks) if (stock) byProduct.set(stock.productId as string, toStock(stock));
    return {
      reservation: reservation ? toReservation(reservation) : undefined,
      stockOf: (productId: string) => byProduct.get(productId),
    };
  };

  return {
    getStock,
    getReservation,

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
        await transact([
          {
            Put: {
              TableName: tableName,
              Item: { ...reservationKey(orderId), ...newReservation },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          ...items.map(({ productId, quantity }): TransactItem => ({
            Update: {
              TableName: tableName,
              Key: stockKey(productId),
              UpdateExpression:
                'SET reserved = reserved + :quantity, available = available - :quantity',
              ConditionExpression: 'attribute_exists(pk) AND available >= :quantity',
              ExpressionAttributeValues: { ':quantity': quantity },
            },
          })),
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
            await client.send(
              new PutCommand({
                TableName: tableName,
                Item: { ...reservationKey(orderId), ...tombstone },
                ConditionExpression: 'attribute_not_exists(pk)',
              }),
            );
            return { outcome: 'NOTHING_TO_RELEASE' as const };
          }
          case 'RELEASE': {
            await transact([
              {
                Update: {
                  TableName: tableName,
                  Key: reservationKey(orderId),
                  UpdateExpression: 'SET #status = :released, updatedAt = :now',
                  ConditionExpression: '#status = :reserved',
                  ExpressionAttributeNames: { '#status': 'status' },
                  ExpressionAttributeValues: {
                    ':reserved': 'RESERVED',
                    ':released': 'RELEASED',
                    ':now': now,
                  },
                },
              },
              ...plan.items.map(({ productId, quantity }): TransactItem => ({
                Update: {
                  TableName: tableName,
                  Key: stockKey(productId),
                  UpdateExpression:
                    'SET reserved = reserved - :quantity, available = available + :quantity',
                  ConditionExpression: 'attribute_exists(pk) AND reserved >= :quantity',
                  ExpressionAttributeValues: { ':quantity': quantity },
                },
              })),
            ]);
            return { outcome: 'RELEASED' as const };
          }
        }
      });
    },
  };
};

export type InventoryRepository = ReturnType<typeof createInventoryRepository>;
