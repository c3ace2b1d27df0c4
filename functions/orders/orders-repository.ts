// Key design of the orders table:
//   order  pk=ORDER#<orderId>  sk=ORDER
//          the API's Order attributes (status, items, total, currency,
//          deliverySlotId, cancellationReason?, createdAt, updatedAt)
//          gsi1pk=USER#<userId>, gsi1sk=<createdAt> (index byUser: a user's
//          orders, newest first)
// Status changes read the order, plan in domain/order.ts and write with the
// condition that the status is still the one read, so a repeated or
// concurrent step cannot apply twice (nor touch updatedAt twice).
import { QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { dynamoDb } from '../shared/aws-clients';
import { isConditionalCheckFailed, withOptimisticRetry } from '../shared/dynamo';
import { Conflict, NotFound } from '../shared/errors';
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

  /** Applies the planned status change, guarded by the status it was planned from. */
  const transition = (operation: string, orderId: string, plan: (order: Order) => TransitionPlan) =>
    withOptimisticRetry(operation, async () => {
      const order = await getOrder(orderId);
      if (!order) throw new NotFound(`Order ${orderId} not found`);
      const planned = plan(order);
      if (planned.action === 'NONE') return { outcome: planned.outcome };
      const reason = planned.cancellationReason;
      await client.send(
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
        }),
      );
      return { outcome: planned.to };
    });

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
          gsi1pk: `USER#${created.userId}`,
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

    /** A user's orders, newest first. */
    async listOrdersByUser(userId: string, limit = 20): Promise<Order[]> {
      const { Items } = await client.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: BY_USER_INDEX,
          KeyConditionExpression: 'gsi1pk = :user',
          ExpressionAttributeValues: { ':user': `USER#${userId}` },
          ScanIndexForward: false,
          Limit: limit,
        }),
      );
      return (Items ?? []).map(toOrder);
    },
  };
};

export type OrdersRepository = ReturnType<typeof createOrdersRepository>;
