import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { eventually } from '../../support/contract-checks';
import { startPrivateStack, type PrivateStack, talkTo } from '../../support/private-stack';
import { PRIVATE_STACK_BASES } from '../../support/test-stack';
import {
  customerWith,
  freshSlot,
  notificationsUntil,
  orderWhenEnded,
  productInStock,
} from '../../support/shop-scenario';
import { api } from '../../support/http-client';

// One order's story in the logs (issue 14): every line that names the order carries the
// correlation id of the request that placed it, from placeOrder through each saga step and the
// outbox publisher to the notification subscriber. The source is what a deployed stage's Logs
// Insights query (resources/observability.yml, one-order-story) reads: the handlers' Powertools
// JSON lines, here as the embedded stack prints them. A stack of its own, at INFO (the shared
// one logs warnings only).

const BASE = PRIVATE_STACK_BASES.orderCorrelation;
let stack: PrivateStack | undefined;

beforeAll(async () => {
  stack = await startPrivateStack('order-correlation', BASE, { POWERTOOLS_LOG_LEVEL: 'INFO' });
  talkTo(stack);
}, 120_000);

afterAll(async () => {
  await stack?.stop();
});

interface LogLine {
  function_name?: string;
  message?: string;
  orderId?: string;
  correlation_id?: string;
}

/** The stack's output lines that are Powertools Logger JSON. */
const logLines = async (): Promise<LogLine[]> =>
  (await readFile(stack?.logFile ?? '', 'utf8'))
    .split('\n')
    .filter((line) => line.startsWith('{') && line.includes('"function_name"'))
    .flatMap((line) => {
      try {
        return [JSON.parse(line) as LogLine];
      } catch {
        return []; // two processes' output interleaved mid-line
      }
    });

/**
 * The function's short name: shop-local-placeOrder -> placeOrder. serverless-offline-sns names a
 * subscriber's context with the prefix twice (shop-local-shop-local-recordNotification).
 */
const shortName = (line: LogLine): string =>
  (line.function_name ?? '').replace(/^(shop-\w+-)+/, '');

describe('one order’s log lines', () => {
  it('carry its correlation id and order id from the request through the saga and the outbox to the notification', async () => {
    const correlationId = `order-story-${randomUUID()}`;
    const [customer, product, slot] = await Promise.all([
      customerWith(5_000),
      productInStock(450, 5),
      freshSlot(5),
    ]);
    const placed = await api.post<{ orderId: string }>(
      '/orders',
      { items: [{ productId: product.productId, quantity: 2 }], deliverySlotId: slot.slotId },
      { token: customer.token, headers: { 'x-correlation-id': correlationId } },
    );
    expect(placed.status).toBe(201);
    const { orderId } = placed.body;
    expect((await orderWhenEnded(customer, orderId)).status).toBe('CONFIRMED');
    await notificationsUntil(customer, (items) => items.some((item) => item.orderId === orderId));

    // The subscriber logs after it stored the notification: wait for its line.
    const story = await eventually(
      async () => (await logLines()).filter((line) => line.orderId === orderId),
      (lines) => lines.some((line) => shortName(line) === 'recordNotification'),
      10_000,
    );

    expect(story.filter((line) => line.correlation_id !== correlationId)).toEqual([]);
    expect(new Set(story.map(shortName))).toEqual(
      new Set([
        'placeOrder',
        'reservePayment',
        'reserveStock',
        'bookDelivery',
        'capturePayment',
        'confirmOrder',
        'publishOrderEvents',
        'recordNotification',
      ]),
    );
    // And no line of another order carries this request's correlation id.
    const correlated = (await logLines()).filter((line) => line.correlation_id === correlationId);
    expect(
      correlated.filter((line) => line.orderId !== undefined && line.orderId !== orderId),
    ).toEqual([]);
  });
});
