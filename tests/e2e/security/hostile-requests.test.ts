import { randomUUID } from 'node:crypto';
import { ERROR_STATUSES, type ErrorCode } from '../../../contracts/http/common';
import { eventually } from '../../support/contract-checks';
import {
  hostileRequests,
  type FuzzWorld,
  type HostileRequest,
} from '../../support/hostile-requests';
import { startPrivateStack, type PrivateStack, talkTo } from '../../support/private-stack';
import { PRIVATE_STACK_BASES } from '../../support/test-stack';
import {
  customerWith,
  notificationsUntil,
  orderWhenEnded,
  productInStock,
  freshSlot,
} from '../../support/shop-scenario';
import { adminToken, api } from '../../support/http-client';
import { scanTable } from '../../support/table-snapshot';

// API.md: "No request, however malformed, gets a 5xx or changes any state when it is answered
// with a 4xx." Hundreds of malformed and hostile requests over every route, against a stack of
// this file's own, so that "changes nothing" can be checked on every item of every table.
jest.setTimeout(300_000);

/** The contract's status of each error code (API.md, Conventions). */
const statusOfCode = (code: string): number | undefined =>
  Object.hasOwn(ERROR_STATUSES, code) ? ERROR_STATUSES[code as ErrorCode] : undefined;

/** Every route of API.md but `GET /health`, which takes no input and so has nothing to refuse. */
const API_ROUTES = [
  'POST /auth/register',
  'POST /auth/login',
  'GET /users/me',
  'PATCH /users/me',
  'GET /products',
  'GET /products/{productId}',
  'POST /products',
  'PATCH /products/{productId}',
  'GET /inventory/{productId}',
  'PUT /inventory/{productId}',
  'GET /wallet',
  'POST /wallet/deposits',
  'POST /wallet/withdrawals',
  'GET /wallet/transactions',
  'GET /delivery/slots',
  'POST /delivery/slots',
  'POST /orders',
  'GET /orders/{orderId}',
  'GET /orders',
  'GET /orders/{orderId}/saga',
  'GET /notifications',
];

/** How many requests are in flight at once: enough to be quick, few enough for two cores. */
const PARALLEL = 6;

interface Answer {
  status: number;
  body: unknown;
}

let stack: PrivateStack;
let world: FuzzWorld;
let requests: HostileRequest[];
let tablesBefore: Record<string, unknown>[][];
const answers = new Map<HostileRequest, Answer>();

const scanEveryTable = () =>
  Promise.all(stack.details.tables.map((table) => scanTable(table, stack.dynamoDb)));

const send = (request: HostileRequest): Promise<Answer> =>
  api.request(request.method, request.path, undefined, {
    headers: {
      ...(request.authorization !== undefined ? { authorization: request.authorization } : {}),
      ...request.headers,
    },
    ...(request.body !== undefined ? { rawBody: request.body } : {}),
  });

/** What is wrong with an answer, or undefined when it is the contract's error for the request. */
function problemWith(request: HostileRequest, { status, body }: Answer): string | undefined {
  if (status !== request.status) return `status ${status}, expected ${request.status}`;
  if (typeof body !== 'object' || body === null) return `body ${JSON.stringify(body)}`;
  const { error, ...rest } = body as { error?: unknown };
  const extra = Object.keys(rest).filter((key) => !(key === 'order' && status === 409));
  if (extra.length > 0) return `extra fields ${extra.join(', ')}`;
  if (typeof error !== 'object' || error === null) return `no error object`;
  const { code, message } = error as Record<string, unknown>;
  const others = Object.keys(error).filter((key) => !['code', 'message', 'details'].includes(key));
  if (others.length > 0) return `extra error fields ${others.join(', ')}`;
  if (typeof code !== 'string' || statusOfCode(code) !== status) return `code ${String(code)}`;
  if (!request.codes.includes(code)) return `code ${code}, expected ${request.codes.join('|')}`;
  if (typeof message !== 'string' || message === '') return 'no message';
  return undefined;
}

/** A step of the arrangement that must have worked for the test to mean anything. */
function ensure(condition: boolean, failure: string): void {
  if (!condition) throw new Error(`Arranging the shop failed: ${failure}`);
}

/**
 * Every table once two scans a second apart agree: what the set-up set off asynchronously (stream
 * publishers, subscribers) has all landed, so "before" is not a moving target.
 */
async function settledTables(): Promise<Record<string, unknown>[][]> {
  let previous = await scanEveryTable();
  for (;;) {
    await new Promise((resolveDelay) => setTimeout(resolveDelay, 1_000));
    const current = await scanEveryTable();
    if (JSON.stringify(current) === JSON.stringify(previous)) return current;
    previous = current;
  }
}

beforeAll(async () => {
  stack = await startPrivateStack('hostile-requests', PRIVATE_STACK_BASES.hostileRequests);
  talkTo(stack);

  const depositKey = randomUUID();
  const depositAmount = 10_000;
  const [alice, bob, product, slot] = await Promise.all([
    customerWith(0),
    customerWith(0),
    productInStock(300, 10),
    freshSlot(5),
  ]);
  // Wallets are opened from the UserRegistered event: wait for them before depositing.
  for (const customer of [alice, bob]) {
    await eventually(
      () => api.get('/wallet', { token: customer.token }),
      ({ status }) => status === 200,
    );
  }
  const deposit = await api.post(
    '/wallet/deposits',
    { amount: depositAmount },
    { token: alice.token, headers: { 'idempotency-key': depositKey } },
  );
  ensure(deposit.status === 201, `deposit: ${deposit.status}`);

  const orderKey = randomUUID();
  const orderBody = {
    items: [{ productId: product.productId, quantity: 2 }],
    deliverySlotId: slot.slotId,
  };
  const placed = await api.post<{ orderId: string }>('/orders', orderBody, {
    token: alice.token,
    headers: { 'idempotency-key': orderKey },
  });
  ensure(placed.status === 201, `order: ${placed.status}`);
  const order = await orderWhenEnded(alice, placed.body.orderId);
  ensure(order.status === 'CONFIRMED', `order ended ${order.status}`);
  // Everything the order and the registrations set off has happened before the first scan.
  // Alice: WELCOME, DEPOSIT_RECEIVED and ORDER_CONFIRMED; Bob: WELCOME.
  await notificationsUntil(alice, (items) => items.length === 3);
  await notificationsUntil(bob, (items) => items.length === 1);

  world = {
    adminToken: await adminToken(),
    alice,
    bob,
    productId: product.productId,
    slotId: slot.slotId,
    aliceOrderId: placed.body.orderId,
    orderBody,
    orderKey,
    depositKey,
    depositAmount,
  };
  requests = hostileRequests(world);
  tablesBefore = await settledTables();

  const queue = [...requests];
  await Promise.all(
    Array.from({ length: PARALLEL }, async () => {
      for (let request = queue.shift(); request; request = queue.shift()) {
        answers.set(request, await send(request));
      }
    }),
  );
}, 300_000);

afterAll(async () => {
  await stack?.stop();
});

describe('hostile requests', () => {
  it('come in the hundreds, over every route of the contract', () => {
    expect(requests.length).toBeGreaterThanOrEqual(500);
    const reached = API_ROUTES.filter((route) => {
      const [method, pattern = ''] = route.split(' ');
      const path = new RegExp(`^${pattern.replace(/\{\w+\}/g, '[^/?]+')}(\\?|$)`);
      return requests.some((request) => request.method === method && path.test(request.path));
    });
    expect(reached).toEqual(API_ROUTES);
  });

  it('are each answered with the contract error API.md gives them, never a 5xx', () => {
    const wrong = requests.flatMap((request) => {
      const answer = answers.get(request);
      const problem = answer ? problemWith(request, answer) : 'no answer';
      return problem
        ? [`${request.what}: ${problem} ${JSON.stringify(answer?.body).slice(0, 200)}`]
        : [];
    });
    expect(wrong).toEqual([]);
    expect([...answers.values()].filter(({ status }) => status >= 500)).toEqual([]);
  });

  it('leave every item of every table as it was', async () => {
    expect(tablesBefore.length).toBe(7);
    // What a request could have set off asynchronously (SNS subscribers) has landed by then.
    await new Promise((resolveDelay) => setTimeout(resolveDelay, 2_000));
    expect(await scanEveryTable()).toEqual(tablesBefore);
  });
});
