import { randomUUID } from 'node:crypto';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Context } from 'aws-lambda';
import { handler } from '../../../functions/orders/handlers/place-order';
import { handler as createDeposit } from '../../../functions/payments/handlers/create-deposit';
import { dynamoDb } from '../../../functions/lib/aws/dynamodb';
import {
  createIdempotencyStore,
  type IdempotencyRecordKey,
  type IdempotencyStore,
} from '../../../functions/lib/idempotency/idempotency';
import { walletRequestKey } from '../../../functions/payments/wallet-requests';
import { ANSWER_BEFORE_TIMEOUT_MS } from '../../../functions/lib/middleware/http-handler';
import { placeOrderRequestKey } from '../../../functions/orders/orders-repository';
import { eventually } from '../../support/contract-checks';
import { api } from '../../support/http-client';
import { httpEvent } from '../../support/http-event';
import { lambdaContext } from '../../support/lambda-context';
import { requiredEnv } from '../../support/saga-fixtures';
import {
  customerWith,
  freshSlot,
  orderWhenEnded,
  productInStock,
  walletOf,
  type Order,
  type Page,
} from '../../support/shop-scenario';

// Issue 16, item 5: POST /orders that cannot finish before the function's timeout answers 503
// UNAVAILABLE with Retry-After (never a 2xx), and the order it may have created is found again by
// repeating the request with its Idempotency-Key, and still ends. The handler runs in this
// process against the suite's stack, with a Lambda context that has almost no time left.
jest.setTimeout(60_000);

const ordersTable = requiredEnv('ORDERS_TABLE_NAME');
const paymentsTable = requiredEnv('PAYMENTS_TABLE_NAME');
const requests = createIdempotencyStore(ordersTable);
const walletRequests = createIdempotencyStore(paymentsTable);

const almostOutOfTime = (name: string): Context => ({
  ...lambdaContext(name),
  getRemainingTimeInMillis: () => ANSWER_BEFORE_TIMEOUT_MS + 1,
});

const post = (rawPath: string, token: string, key: string, body: unknown) =>
  httpEvent({
    routeKey: `POST ${rawPath}`,
    rawPath,
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      'idempotency-key': key,
    },
    body: JSON.stringify(body),
  });

/**
 * Waits for the request that answered 503 to finish behind it, then leaves its record as a
 * function stopped at its deadline after taking effect leaves it (on Lambda: killed between
 * its write and the record's completion): IN_PROGRESS, its lock run out, its operation id kept.
 * Only the stop is simulated; the first run and the repeat are the real handlers.
 */
const stopAfterItsEffect = async (
  table: string,
  store: IdempotencyStore,
  recordKey: IdempotencyRecordKey,
): Promise<void> => {
  await eventually(
    () => store.get(recordKey),
    (current) => current?.status === 'COMPLETED',
  );
  await dynamoDb.send(
    new UpdateCommand({
      TableName: table,
      Key: recordKey,
      UpdateExpression:
        'SET #status = :inProgress, lockToken = :stopped, lockedUntil = :past REMOVE #response',
      ExpressionAttributeNames: { '#status': 'status', '#response': 'response' },
      ExpressionAttributeValues: {
        ':inProgress': 'IN_PROGRESS',
        ':stopped': 'stopped-at-its-deadline',
        ':past': Date.now() - 1,
      },
    }),
  );
};

it('answers 503 UNAVAILABLE when out of time; the repeat with the key finds the one order, which ends', async () => {
  const [customer, product, slot] = await Promise.all([
    customerWith(5000),
    productInStock(300, 100),
    freshSlot(10),
  ]);
  const key = randomUUID();
  const body = {
    items: [{ productId: product.productId, quantity: 1 }],
    deliverySlotId: slot.slotId,
  };
  const answer = await handler(
    post('/orders', customer.token, key, body),
    almostOutOfTime('placeOrder'),
  );

  expect(answer.statusCode).toBe(503);
  expect(answer.headers).toMatchObject({ 'retry-after': '2' });
  expect(JSON.parse(answer.body ?? '')).toMatchObject({ error: { code: 'UNAVAILABLE' } });

  // The request went on behind the 503 (here, as in serverless-offline; on Lambda until the
  // function's end): once its record is complete, the repeat replays its order.
  const record = await eventually(
    () => requests.get(placeOrderRequestKey(customer.userId, key)),
    (current) => current?.status === 'COMPLETED',
  );
  expect(record?.status).toBe('COMPLETED');
  const repeat = await api.post<Order>('/orders', body, {
    token: customer.token,
    headers: { 'Idempotency-Key': key },
  });
  expect(repeat.status).toBe(200);

  const ended = await orderWhenEnded(customer, repeat.body.orderId);
  expect(ended.status).toBe('CONFIRMED');
  const orders = await api.get<Page<Order>>('/orders?limit=10', { token: customer.token });
  expect(orders.body.items.map((order) => order.orderId)).toEqual([repeat.body.orderId]);
});

it('places one order when the repeat after a 503 takes over the lock of a run stopped after writing its order', async () => {
  const [customer, product, slot] = await Promise.all([
    customerWith(5000),
    productInStock(300, 100),
    freshSlot(10),
  ]);
  const key = randomUUID();
  const body = {
    items: [{ productId: product.productId, quantity: 1 }],
    deliverySlotId: slot.slotId,
  };

  const answer = await handler(
    post('/orders', customer.token, key, body),
    almostOutOfTime('placeOrder'),
  );
  expect(answer.statusCode).toBe(503);
  await stopAfterItsEffect(ordersTable, requests, placeOrderRequestKey(customer.userId, key));

  const repeat = await api.post<Order>('/orders', body, {
    token: customer.token,
    headers: { 'Idempotency-Key': key },
  });

  // The repeat ran (the first never answered 201), under the first run's id: its order.
  expect(repeat.status).toBe(201);
  const orders = await api.get<Page<Order>>('/orders?limit=10', { token: customer.token });
  expect(orders.body.items.map((order) => order.orderId)).toEqual([repeat.body.orderId]);
  const ended = await orderWhenEnded(customer, repeat.body.orderId);
  expect(ended.status).toBe('CONFIRMED');
  expect((await walletOf(customer)).balance).toBe(5000 - 300);
});

it('credits one deposit when the repeat after a 503 takes over the lock of a run stopped after crediting', async () => {
  const customer = await customerWith(1000);
  const key = randomUUID();

  const answer = await createDeposit(
    post('/wallet/deposits', customer.token, key, { amount: 250 }),
    almostOutOfTime('createDeposit'),
  );
  expect(answer.statusCode).toBe(503);
  await stopAfterItsEffect(
    paymentsTable,
    walletRequests,
    walletRequestKey('deposit', customer.userId, key),
  );

  const repeat = await api.post<{ balance: number }>(
    '/wallet/deposits',
    { amount: 250 },
    { token: customer.token, headers: { 'Idempotency-Key': key } },
  );

  expect(repeat.status).toBe(201);
  expect(repeat.body.balance).toBe(1250);
  expect((await walletOf(customer)).balance).toBe(1250);
  const ledger = await api.get<{ items: { type: string; amount: number }[] }>(
    '/wallet/transactions',
    { token: customer.token },
  );
  expect(
    ledger.body.items.filter((row) => row.type === 'DEPOSIT').map((row) => row.amount),
  ).toEqual([250, 1000]);
});
