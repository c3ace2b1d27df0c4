// Key design of the orders table:
//   order        pk=ORDER#<orderId>  sk=ORDER
//                the API's Order attributes (status, items, total, currency,
//                deliverySlotId, cancellationReason?, createdAt, updatedAt)
//                gsi1pk=USER#<userId>, gsi1sk=<createdAt> (index byUser: a user's
//                orders, newest first)
//                gsi2pk=STATUS#<status>, gsi2sk=<createdAt> (index byStatus: every
//                user's orders of one status, newest first; moved on each transition)
//                gsi3pk=ORDERS, gsi3sk=<createdAt> (index allOrders: every order,
//                newest first, for the operators' list)
//   fingerprint  pk=USER#<userId>  sk=FINGERPRINT#<orderFingerprint>
//                orderId (the order that holds it), createdAt, expiresAt (epoch
//                seconds: the end of the duplicate window, the table's TTL attribute)
//   idempotency  pk=USER#<userId>  sk=IDEMPOTENCY#placeOrder#<sha256 of the key>
//                a POST /orders Idempotency-Key record (functions/lib/idempotency/idempotency.ts), with
//                expiresAt as well; its operationId is the order's id
//   outbox       pk=OUTBOX#<eventId>  sk=OUTBOX (functions/lib/outbox.ts): the event of a
//                status change to an end (OrderConfirmed, OrderCancelled,
//                OrderCompensationFailed), written in the change's transaction;
//                expiresAt as well
// Fingerprints, idempotency records and outbox items carry no gsi attributes: the
// indexes hold orders only.
// Status changes read the order, plan in domain/order.ts and write with the
// condition that the status is still the one read, so a repeated or
// concurrent step cannot apply twice (nor touch updatedAt twice), nor announce twice.
// A new order without an Idempotency-Key is written in one transaction with its
// fingerprint, on the condition that no live order holds it: of two identical
// requests at once exactly one writes. A holder that has ended otherwise than
// PENDING or CONFIRMED is taken over (CancelOrder also releases its fingerprint).
// A page cursor is a position in the byUser index; one that is not an order
// in the caller's own partition is refused (400), so a cursor can neither
// reach another user's orders nor make DynamoDB fail.
import { setTimeout as sleep } from 'node:timers/promises';
import { paginateQuery, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { dynamoDb } from '../lib/aws/dynamodb';
import * as z from 'zod';
import { orderSchema } from '../../contracts/http/orders';
import {
  cancellationCodes,
  isConditionalCheckFailed,
  isStaleWrite,
  withOptimisticRetry,
} from '../lib/dynamo/conditional-writes';
import { ConcurrentUpdate, Conflict, NotFound } from '../lib/errors';
import { idempotencySortKey, type IdempotencyRecordKey } from '../lib/idempotency/idempotency';
import { queryPage } from '../lib/dynamo/paged-query';
import type { Page, PageQuery } from '../lib/dynamo/pagination';
import { storedItem } from '../lib/dynamo/stored-item';
import { tableAccess, type Item, type TransactItem } from '../lib/dynamo/table';
import { outboxPut } from '../lib/outbox';
import { DuplicateOrder } from './domain/errors';
import {
  blocksDuplicate,
  newOrder,
  orderStatusEvent,
  type NewOrder,
  type Order,
  type OrderStatus,
  type TransitionPlan,
} from './domain/order';

export const BY_USER_INDEX = 'byUser';
export const BY_STATUS_INDEX = 'byStatus';
export const ALL_ORDERS_INDEX = 'allOrders';
const ALL_ORDERS_PARTITION = 'ORDERS';

const orderKey = (orderId: string) => ({ pk: `ORDER#${orderId}`, sk: 'ORDER' });
const userPartition = (userId: string) => `USER#${userId}`;
const statusPartition = (status: OrderStatus) => `STATUS#${status}`;
const fingerprintKey = (userId: string, fingerprint: string) => ({
  pk: userPartition(userId),
  sk: `FINGERPRINT#${fingerprint}`,
});

/** Where the record of a POST /orders Idempotency-Key lives: in the user's partition. */
export const placeOrderRequestKey = (userId: string, key: string): IdempotencyRecordKey => ({
  pk: userPartition(userId),
  sk: idempotencySortKey('placeOrder', key),
});

/** How a new order takes the fingerprint of its user, items and slot (API.md DUPLICATE_ORDER). */
export interface FingerprintClaim {
  fingerprint: string;
  /** The end of the duplicate window, in epoch seconds. */
  expiresAt: number;
  /**
   * When a live order holds the fingerprint: `refuse` with DuplicateOrder (a request without an
   * Idempotency-Key), or `placeAnyway`, without the fingerprint (a client that sends keys tells
   * its own requests apart).
   */
  whenHeld: 'refuse' | 'placeAnyway';
}

interface FingerprintHolder {
  orderId: string;
  expiresAt: number;
}

const toFingerprintHolder: (item: Item) => FingerprintHolder = storedItem(
  z.object({ orderId: z.string(), expiresAt: z.int() }),
);

const epochSeconds = (): number => Math.floor(Date.now() / 1000);

/** Rounds of claiming a fingerprint before giving up with ConcurrentUpdate (a 500). */
const MAX_CLAIM_ROUNDS = 8;

// An order is stored as the API shows it, plus its keys.
const toOrder: (item: Item) => Order = storedItem(z.object(orderSchema.shape));

export const createOrdersRepository = (
  tableName: string,
  client: DynamoDBDocumentClient = dynamoDb,
) => {
  const table = tableAccess(tableName, client);

  const getOrder = (orderId: string): Promise<Order | undefined> =>
    table.get(orderKey(orderId), toOrder);

  /**
   * Applies the planned status change, guarded by the status it was planned from, with the
   * event of the end it reaches (if it is one) in the same transaction. Resolves with the
   * outcome and the order as it now stands.
   */
  const transition = (operation: string, orderId: string, plan: (order: Order) => TransitionPlan) =>
    withOptimisticRetry(operation, async () => {
      const order = await getOrder(orderId);
      if (!order) throw new NotFound(`Order ${orderId} not found`);
      const planned = plan(order);
      if (planned.action === 'NONE') return { outcome: planned.outcome, order };
      const reason = planned.cancellationReason;
      const changed: Order = {
        ...order,
        status: planned.to,
        updatedAt: new Date().toISOString(),
        ...(reason ? { cancellationReason: reason } : {}),
      };
      const event = orderStatusEvent(changed);
      await table.transact([
        {
          Update: {
            TableName: tableName,
            Key: orderKey(orderId),
            UpdateExpression: `SET #status = :to, gsi2pk = :statusKey, updatedAt = :now${reason ? ', cancellationReason = :reason' : ''}`,
            ConditionExpression: '#status = :from',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: {
              ':from': planned.from,
              ':to': planned.to,
              ':statusKey': statusPartition(planned.to),
              ':now': changed.updatedAt,
              ...(reason ? { ':reason': reason } : {}),
            },
          },
        },
        ...(event ? [outboxPut(tableName, event)] : []),
      ]);
      return { outcome: planned.to, order: changed };
    });

  /**
   * A page of the orders in one partition of an index, newest first; `gsi` names the index's key
   * attributes. A cursor is taken only as an order of that very partition.
   */
  const pageOfIndex = (
    indexName: string,
    gsi: 'gsi1' | 'gsi2' | 'gsi3',
    partition: string,
    page: PageQuery,
  ): Promise<Page<Order>> =>
    queryPage(
      client,
      {
        input: {
          TableName: tableName,
          IndexName: indexName,
          KeyConditionExpression: `${gsi}pk = :partition`,
          ExpressionAttributeValues: { ':partition': partition },
          ScanIndexForward: false,
        },
        keyAttributes: [`${gsi}pk`, `${gsi}sk`, 'pk', 'sk'],
        isPositionIn: (key) =>
          key[`${gsi}pk`] === partition &&
          key.pk?.startsWith('ORDER#') === true &&
          key.sk === 'ORDER',
      },
      page,
      toOrder,
    );

  const listOrdersPage = (userId: string, page: PageQuery): Promise<Page<Order>> =>
    pageOfIndex(BY_USER_INDEX, 'gsi1', userPartition(userId), page);

  /** A page of every user's orders, newest first, of one status or of all. */
  const listAllOrdersPage = (
    status: OrderStatus | undefined,
    page: PageQuery,
  ): Promise<Page<Order>> =>
    status
      ? pageOfIndex(BY_STATUS_INDEX, 'gsi2', statusPartition(status), page)
      : pageOfIndex(ALL_ORDERS_INDEX, 'gsi3', ALL_ORDERS_PARTITION, page);

  const orderTaken = (orderId: string) => new Conflict(`Order ${orderId} already exists`);

  /** Puts the new order alone: Conflict when its orderId is taken. */
  const putOrder = async (created: Order, item: Item): Promise<Order> => {
    try {
      await table.putNew(item);
    } catch (error) {
      if (isConditionalCheckFailed(error)) throw orderTaken(created.orderId);
      throw error;
    }
    return created;
  };

  /**
   * The fingerprint's put: free (absent, or past its window, which TTL deletes late), or held by
   * `staleHolder`, an order read as ended, which the new order takes over.
   */
  const fingerprintPut = (
    order: Order,
    claim: FingerprintClaim,
    staleHolder: string | undefined,
  ): TransactItem => ({
    Put: {
      TableName: tableName,
      Item: {
        ...fingerprintKey(order.userId, claim.fingerprint),
        orderId: order.orderId,
        createdAt: order.createdAt,
        expiresAt: claim.expiresAt,
      },
      ConditionExpression: `attribute_not_exists(pk) OR #expiresAt <= :now${staleHolder ? ' OR orderId = :staleHolder' : ''}`,
      ExpressionAttributeNames: { '#expiresAt': 'expiresAt' },
      ExpressionAttributeValues: {
        ':now': epochSeconds(),
        ...(staleHolder ? { ':staleHolder': staleHolder } : {}),
      },
    },
  });

  const createClaiming = async (
    created: Order,
    item: Item,
    claim: FingerprintClaim,
  ): Promise<Order> => {
    let staleHolder: string | undefined;
    for (let round = 0; round < MAX_CLAIM_ROUNDS; round++) {
      try {
        await table.transact([table.putNewItem(item), fingerprintPut(created, claim, staleHolder)]);
        return created;
      } catch (error) {
        const [orderCode, fingerprintCode] = cancellationCodes(error) ?? [];
        if (orderCode === 'ConditionalCheckFailed') throw orderTaken(created.orderId);
        if (fingerprintCode !== 'ConditionalCheckFailed') {
          if (!isStaleWrite(error)) throw error;
          // Lost to a concurrent transaction on the same items: look again, a moment later.
          await sleep(Math.random() * 20 * (round + 1));
          continue;
        }
      }
      const holder = await table.get(
        fingerprintKey(created.userId, claim.fingerprint),
        toFingerprintHolder,
      );
      if (!holder || holder.expiresAt <= epochSeconds()) {
        staleHolder = undefined;
        continue;
      }
      const existing = await getOrder(holder.orderId);
      if (existing && blocksDuplicate(existing)) {
        if (claim.whenHeld === 'refuse') {
          throw new DuplicateOrder(
            `The same order (items and delivery slot) was placed moments ago: ${existing.orderId}`,
            { extras: { order: existing } },
          );
        }
        return putOrder(created, item);
      }
      staleHolder = holder.orderId;
    }
    throw new ConcurrentUpdate('Placing the order: too many concurrent updates, try again');
  };

  return {
    getOrder,
    transition,

    /**
     * Stores a new PENDING order. With a claim, the order takes its fingerprint in the same
     * transaction (see the top of this file). Throws Conflict when the orderId is taken, and
     * DuplicateOrder (carrying the live order) when a claim that refuses finds one.
     */
    async createOrder(order: NewOrder, claim?: FingerprintClaim): Promise<Order> {
      const created = newOrder(order, new Date().toISOString());
      const item = {
        ...orderKey(created.orderId),
        ...created,
        gsi1pk: userPartition(created.userId),
        gsi1sk: created.createdAt,
        gsi2pk: statusPartition(created.status),
        gsi2sk: created.createdAt,
        gsi3pk: ALL_ORDERS_PARTITION,
        gsi3sk: created.createdAt,
      };
      if (claim) return createClaiming(created, item, claim);
      return putOrder(created, item);
    },

    /**
     * Frees the fingerprint an order held once it is cancelled, so the same order can be placed
     * again at once. Only its holder's: a fingerprint another order took since is left alone, and
     * so is one that is gone or has expired.
     */
    async releaseFingerprint(
      order: Pick<Order, 'orderId' | 'userId'>,
      fingerprint: string,
    ): Promise<void> {
      const now = epochSeconds();
      try {
        await client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: fingerprintKey(order.userId, fingerprint),
            UpdateExpression: 'SET #expiresAt = :now',
            ConditionExpression: 'orderId = :orderId AND #expiresAt > :now',
            ExpressionAttributeNames: { '#expiresAt': 'expiresAt' },
            ExpressionAttributeValues: { ':orderId': order.orderId, ':now': now },
          }),
        );
      } catch (error) {
        if (!isConditionalCheckFailed(error)) throw error;
      }
    },

    /** A page of a user's orders, newest first. Throws ValidationFailed for a foreign cursor. */
    listOrdersPage,

    /** A page of every user's orders (optionally of one status). ValidationFailed for a foreign cursor. */
    listAllOrdersPage,

    /**
     * Every order still PENDING that was created at or before `cutoff` (an ISO time), oldest
     * first: a query of the byStatus index's PENDING partition, never a scan, read page by page.
     */
    async *pendingOrdersCreatedBefore(cutoff: string): AsyncGenerator<Order> {
      const pages = paginateQuery(
        { client, pageSize: 100 },
        {
          TableName: tableName,
          IndexName: BY_STATUS_INDEX,
          KeyConditionExpression: 'gsi2pk = :partition AND gsi2sk <= :cutoff',
          ExpressionAttributeValues: {
            ':partition': statusPartition('PENDING'),
            ':cutoff': cutoff,
          },
          ScanIndexForward: true,
        },
      );
      for await (const page of pages) for (const item of page.Items ?? []) yield toOrder(item);
    },

    /** A user's newest orders. */
    async listOrdersByUser(userId: string, limit = 20): Promise<Order[]> {
      return (await listOrdersPage(userId, { limit })).items;
    },
  };
};

export type OrdersRepository = ReturnType<typeof createOrdersRepository>;
