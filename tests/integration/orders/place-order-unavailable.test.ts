import { randomUUID } from 'node:crypto';
import { handler } from '../../../functions/orders/handlers/place-order';
import { createIdempotencyStore } from '../../../functions/lib/idempotency/idempotency';
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
  type Order,
  type Page,
} from '../../support/shop-scenario';

// Issue 16, item 5: POST /orders that cannot finish before the function's timeout answers 503
// UNAVAILABLE with Retry-After (never a 2xx), and the order it may have created is found again by
// repeating the request with its Idempotency-Key, and still ends. The handler runs in this
// process against the suite's stack, with a Lambda context that has almost no time left.
jest.setTimeout(60_000);

const requests = createIdempotencyStore(requiredEnv('ORDERS_TABLE_NAME'));

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
  const almostOutOfTime = {
    ...lambdaContext('placeOrder'),
    getRemainingTimeInMillis: () => ANSWER_BEFORE_TIMEOUT_MS + 1,
  };

  const answer = await handler(
    httpEvent({
      routeKey: 'POST /orders',
      rawPath: '/orders',
      headers: {
        authorization: `Bearer ${customer.token}`,
        'content-type': 'application/json',
        'idempotency-key': key,
      },
      body: JSON.stringify(body),
    }),
    almostOutOfTime,
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
