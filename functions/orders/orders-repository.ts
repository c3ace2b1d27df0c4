// Key design of the orders table:
//   order  pk=ORDER#<orderId>  sk=ORDER
//          the API's Order attributes (status, items, total, currency,
//          deliverySlotId, cancellationReason?, createdAt, updatedAt)
//          gsi1pk=USER#<userId>, gsi1sk=<createdAt> (index byUser: a user's
//          orders, newest first)
// Status changes read the order, plan in domain/order.ts and write with the
// condition that the status is still the one read, so a repeated or
// concurrent step cannot apply twice (nor touch updatedAt twice).
// A page cursor is a position in the byUser index; one that is not an order
// in the caller's own partition is refused (400), so a cursor can neither
// reach another user's orders nor make DynamoDB fail.
import { UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { dynamoDb } from '../shared/aws-clients';
import { isConditionalCheckFailed, withOptimisticRetry } from '../shared/dynamo';
import { Conflict, NotFound } from '../shared/errors';
import { queryPage } from '../shared/paged-query';
import type { Page, PageQuery } from '../shared/pagination';
import { tableAccess, type Item } from '../shared/table';
import {
  newOrder,
  type NewOrder,
  type Order,
  type OrderItem,
  type TransitionPlan,
} from './domain/order';

export const BY_USER_INDEX = 'byUser';

const orderKey = (orderId: string) => ({ pk: `ORDER#${orderId}`, sk: 'ORDER' });
const userPartition = (userId: string) => `USER#${userId}`;

const toOrder = (item: Item): Order => ({
  orderId: item.orderId as string,
  userId: item.userId as string,
  status: item.status as Order['status'],
  items: (item.items as OrderItem[]).map(({ productId, name, quantity, unitPrice, lineTotal }) => ({
    productId,
    name,
    quantity,
    unitPrice,
    lineTotal,
  })),
  total: item.total as number,
  currency: item.currency as string,
  deliverySlotId: item.deliverySlotId as string,
  ...(typeof item.cancellationReason === 'string'
    ? { cancellationReason: item.cancellationReason as Order['cancellationReason'] }
    : {}),
  createdAt: item.createdAt as string,
  updatedAt: item.updatedAt as string,
});

export const createOrdersRepository = (
  tableName: string,
  client: DynamoDBDocumentClient = dynamoDb,
) => {
  const table = tableAccess(tableName, client);

  const getOrder = (orderId: string): Promise<Order | undefined> =>
    table.get(orderKey(orderId), toOrder);

  /**
   * Applies the planned status change, guarded by the status it was planned from. Resolves with
   * the outcome and the order as it now stands.
   */
  const transition = (operation: string, orderId: string, plan: (order: Order) => TransitionPlan) =>
    withOptimisticRetry(operation, async () => {
      const order = await getOrder(orderId);
      if (!order) throw new NotFound(`Order ${orderId} not found`);
      const planned = plan(order);
      if (planned.action === 'NONE') return { outcome: planned.outcome, order };
      const reason = planned.cancellationReason;
      const { Attributes } = await client.send(
        new UpdateCommand({
          TableName: tableName,
          Key: orderKey(orderId),
          UpdateExpression: `SET #status = :to, updatedAt = :now${reason ? ', cancellationReason = :reason' : ''}`,
          ConditionExpression: '#status = :from',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':from': planned.from,
            ':to': planned.to,
            ':now': new Date().toISOString(),
            ...(reason ? { ':reason': reason } : {}),
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
      if (!Attributes) throw new NotFound(`Order ${orderId} not found`);
      return { outcome: planned.to, order: toOrder(Attributes) };
    });

  const listOrdersPage = (userId: string, page: PageQuery): Promise<Page<Order>> =>
    queryPage(
      client,
      {
        input: {
          TableName: tableName,
          IndexName: BY_USER_INDEX,
          KeyConditionExpression: 'gsi1pk = :user',
          ExpressionAttributeValues: { ':user': userPartition(userId) },
          ScanIndexForward: false,
        },
        keyAttributes: ['gsi1pk', 'gsi1sk', 'pk', 'sk'],
        isPositionIn: (key) =>
          key.gsi1pk === userPartition(userId) &&
          key.pk?.startsWith('ORDER#') === true &&
          key.sk === 'ORDER',
      },
      page,
      toOrder,
    );

  return {
    getOrder,
    transition,

    /** Stores a new PENDING order. Throws Conflict when the orderId is taken. */
    async createOrder(order: NewOrder): Promise<Order> {
      const created = newOrder(order, new Date().toISOString());
      try {
        await table.putNew({
          ...orderKey(created.orderId),
          ...created,
          gsi1pk: userPartition(created.userId),
          gsi1sk: created.createdAt,
        });
      } catch (error) {
        if (isConditionalCheckFailed(error)) {
          throw new Conflict(`Order ${created.orderId} already exists`);
        }
        throw error;
      }
      return created;
    },

    /** A page of a user's orders, newest first. Throws ValidationFailed for a foreign cursor. */
    listOrdersPage,

    /** A user's newest orders. */
    async listOrdersByUser(userId: string, limit = 20): Promise<Order[]> {
      return (await listOrdersPage(userId, { limit })).items;
    },
  };
};

export type OrdersRepository = ReturnType<typeof createOrdersRepository>;
