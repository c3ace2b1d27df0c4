import { randomUUID } from 'node:crypto';
import { eventually } from '../../support/contract-checks';
import { api, registerAndLogin, type TestUser } from '../../support/http-client';
import { startPrivateStack, type PrivateStack, talkTo } from '../../support/private-stack';
import {
  customerWith,
  freshSlot,
  productInStock,
  type Notification,
  type Order,
  type Page,
} from '../../support/shop-scenario';
import { startTcpProxy, type TcpProxy } from '../../support/tcp-proxy';
import { portsAt, PRIVATE_STACK_BASES } from '../../support/test-stack';
import { createPaymentsRepository } from '../../../functions/payments/payments-repository';

// The outbox (functions/lib/outbox.ts) across an SNS outage: the events are written with their
// changes whatever SNS does, and the tables' publishers deliver each of them once SNS is back.
// A stack of its own, whose functions reach SNS through a proxy the test takes down and back up;
// serverless-offline-sns itself keeps running, so only the publishing side sees the outage.
const BASE = PRIVATE_STACK_BASES.snsOutage;
const ORDERS = 50;
const USERS = 10;
// Placing 50 orders and registering 10 users on a shared 2-core machine, then the retried
// publishes and the sagas' ends: minutes under load, not seconds.
jest.setTimeout(600_000);

let stack: PrivateStack | undefined;
let sns: TcpProxy;

beforeAll(async () => {
  sns = await startTcpProxy(Number(portsAt(BASE).SHOP_SNS_PORT));
  const started = await startPrivateStack('sns-outage', BASE, { SHOP_SNS_ENDPOINT_URL: sns.url });
  stack = started;
  talkTo(started);
}, 180_000);

afterAll(async () => {
  await stack?.stop();
  await sns.down();
});

async function allNotifications(customer: TestUser): Promise<Notification[]> {
  const all: Notification[] = [];
  let cursor: string | undefined;
  do {
    const query = cursor ? `?limit=100&cursor=${encodeURIComponent(cursor)}` : '?limit=100';
    const { status, body } = await api.get<Page<Notification>>(`/notifications${query}`, {
      token: customer.token,
    });
    if (status !== 200) throw new Error(`GET /notifications: ${status}`);
    all.push(...body.items);
    cursor = body.nextCursor;
  } while (cursor);
  return all;
}

/** Runs `task` for 0..count-1, `concurrency` at a time. */
async function inBatches<T>(
  count: number,
  concurrency: number,
  task: (index: number) => Promise<T>,
) {
  const results: T[] = [];
  for (let start = 0; start < count; start += concurrency) {
    const indexes = Array.from(
      { length: Math.min(concurrency, count - start) },
      (_, i) => start + i,
    );
    results.push(...(await Promise.all(indexes.map(task))));
  }
  return results;
}

/** Whether the payments context opened the customer's wallet (GET /wallet answers zeros without one). */
async function hasWallet(customer: TestUser): Promise<boolean> {
  if (!stack) throw new Error('no stack');
  const payments = createPaymentsRepository(
    stack.details.environment.PAYMENTS_TABLE_NAME ?? '',
    stack.dynamoDb,
  );
  return (await payments.getWallet(customer.userId)) !== undefined;
}

describe('an SNS outage', () => {
  it('delays the events written meanwhile, then delivers every one of them exactly once', async () => {
    // Arranged while SNS is up: a buyer with a wallet and money, stock and a slot for every order.
    const buyer = await customerWith(0);
    await eventually(() => hasWallet(buyer), Boolean, 60_000);
    expect(
      (await api.post('/wallet/deposits', { amount: 1_000_000 }, { token: buyer.token })).status,
    ).toBe(201);
    const [product, slot] = await Promise.all([productInStock(100, ORDERS), freshSlot(ORDERS)]);

    await sns.down();
    const users = await inBatches(USERS, 5, () => registerAndLogin());
    const orders = await inBatches(ORDERS, 5, async () => {
      const { status, body } = await api.post<Order>(
        '/orders',
        { items: [{ productId: product.productId, quantity: 1 }], deliverySlotId: slot.slotId },
        { token: buyer.token, headers: { 'idempotency-key': randomUUID() } },
      );
      if (status !== 201) throw new Error(`POST /orders: ${status} ${JSON.stringify(body)}`);
      return body;
    });
    // Nothing got through while SNS was down: no wallet was opened for the new users, nor a
    // WELCOME recorded.
    expect(await Promise.all(users.map(hasWallet))).toEqual(users.map(() => false));
    expect((await Promise.all(users.map(allNotifications))).flat()).toEqual([]);
    await sns.up();

    // Every new user gets a wallet and one WELCOME.
    for (const user of users) {
      await eventually(() => hasWallet(user), Boolean, 300_000);
    }
    const welcomes = await eventually(
      () =>
        Promise.all(
          users.map(
            async (user) =>
              (await allNotifications(user)).filter(({ type }) => type === 'WELCOME').length,
          ),
        ),
      (counts) => counts.every((count) => count >= 1),
      300_000,
    );
    expect(welcomes).toEqual(users.map(() => 1));

    // Every order reaches its end and the buyer is told of it once.
    const ends = await eventually(
      async () => {
        const notified = await allNotifications(buyer);
        return notified.filter((notification) => notification.orderId !== undefined);
      },
      (notified) => notified.length >= ORDERS,
      300_000,
    );
    const orderIds = orders.map((order) => order.orderId).sort();
    expect(ends.map((notification) => notification.orderId).sort()).toEqual(orderIds);
    for (const order of orders) {
      const { body } = await api.get<Order>(`/orders/${order.orderId}`, { token: buyer.token });
      const notice = ends.find((notification) => notification.orderId === order.orderId);
      expect(notice?.type).toBe(
        body.status === 'CONFIRMED' ? 'ORDER_CONFIRMED' : 'ORDER_CANCELLED',
      );
    }
    expect(
      (await allNotifications(buyer)).filter((notification) => notification.type === 'WELCOME'),
    ).toHaveLength(1);
  });
});
