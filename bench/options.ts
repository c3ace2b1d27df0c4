import { parseArgs } from 'node:util';

/** What `npm run bench -- <options>` can set; every figure of the report says which were used. */
export interface BenchOptions {
  /** Measured orders (after the warm-up); exclusive with durationSeconds. */
  orders?: number;
  /** Place orders for this long, then let the ones in flight end. */
  durationSeconds?: number;
  /** Orders in flight at once: each of this many workers places an order and waits for its end. */
  concurrency: number;
  /**
   * Orders placed first and left out of every figure: serverless-offline starts its workers and
   * the JITs of Node and of DynamoDB Local's JVM warm up (after 20 warm-up orders the next 500
   * ran at 21 orders/s, after 500 at 30 orders/s).
   */
  warmup: number;
  /** A running stack's HTTP API; with stackFile for its other endpoints. */
  url?: string;
  /** A running stack's `.local/stack.json` (npm start's, or the tests'). */
  stackFile?: string;
  /** Ports of the stack the bench starts: npm start's defaults moved by this much. */
  portBase: number;
  pollIntervalMs: number;
  /** An order not ended this long after its POST counts as an error. */
  orderTimeoutMs: number;
  users: number;
  products: number;
  slots: number;
  itemsPerOrder: number;
  idempotencyKeys: boolean;
  /** Seconds of each autocannon phase (GET /health, GET /orders/{id}). */
  httpSeconds: number;
  /** Fresh processes per function and variant for the import times. */
  coldStartRuns: number;
  /** Orders the floor replays; default the measured count. */
  floorOrders?: number;
  /** POWERTOOLS_LOG_LEVEL of a stack the bench starts; default the stage's own. */
  logLevel?: string;
  /** A dev-stage package made already (its `package/` and `source-maps/`): none is made. */
  packageDir?: string;
  out?: string;
}

export const USAGE = `npm run bench -- [options]

  --orders N            measured orders (default 200 unless --duration)
  --duration S          place orders for S seconds instead of a count
  --concurrency C       orders in flight at once (default 20)
  --warmup N            orders placed first and not measured (default 200)
  --url URL             use a running stack's HTTP API (with --stack-file)
  --stack-file PATH     a running stack's stack file (default with --url: .local/stack.json)
  --port-base B         ports of the stack the bench starts: npm start's + B (default 500)
  --poll-interval MS    GET /orders/{id} every MS until the order ends (default 200)
  --order-timeout S     an order not ended after S seconds is an error (default 60)
  --users N             customers (default 2 x concurrency; each worker has its own)
  --products N          products the orders spread over (default 20)
  --slots N             delivery slots the orders spread over (default 20)
  --items N             items per order (default 2)
  --no-idempotency-key  send POST /orders without an Idempotency-Key
  --http-seconds S      seconds of each autocannon phase (default 5)
  --cold-start-runs R   fresh processes per function and variant (default 3)
  --floor-orders N      orders the DynamoDB floor replays (default: measured orders)
  --log-level LEVEL     POWERTOOLS_LOG_LEVEL of a stack the bench starts
  --package DIR         measure the bundles of a dev-stage package made already instead of making
                        one: DIR/package from sls package --stage dev --package DIR/package, with
                        SHOP_SOURCE_MAP_DIR=DIR/source-maps (the test suite shares its own so)
  --out FILE            report path (default bench/results/<timestamp>.json)`;

const positiveInt = (name: string, value: string | undefined, fallback: number): number => {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isSafeInteger(parsed) || parsed < 0) {
    throw new Error(`--${name} must be a whole number ≥ 0, got ${value}`);
  }
  return parsed;
};

const optionalInt = (name: string, value: string | undefined): number | undefined =>
  value === undefined ? undefined : positiveInt(name, value, 0);

export function parseOptions(argv: string[]): BenchOptions | 'help' {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      orders: { type: 'string' },
      duration: { type: 'string' },
      concurrency: { type: 'string' },
      warmup: { type: 'string' },
      url: { type: 'string' },
      'stack-file': { type: 'string' },
      'port-base': { type: 'string' },
      'poll-interval': { type: 'string' },
      'order-timeout': { type: 'string' },
      users: { type: 'string' },
      products: { type: 'string' },
      slots: { type: 'string' },
      items: { type: 'string' },
      'no-idempotency-key': { type: 'boolean' },
      'http-seconds': { type: 'string' },
      'cold-start-runs': { type: 'string' },
      'floor-orders': { type: 'string' },
      'log-level': { type: 'string' },
      package: { type: 'string' },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return 'help';

  const durationSeconds = optionalInt('duration', values.duration);
  const orders = optionalInt('orders', values.orders);
  if (durationSeconds !== undefined && orders !== undefined) {
    throw new Error('Give --orders or --duration, not both');
  }
  const concurrency = positiveInt('concurrency', values.concurrency, 20);
  if (concurrency < 1) throw new Error('--concurrency must be at least 1');
  const users = positiveInt('users', values.users, 2 * concurrency);
  if (users < concurrency) {
    // Two workers on one wallet would measure contention on it, which no customer causes.
    throw new Error(`--users must be at least --concurrency (${concurrency})`);
  }
  const products = positiveInt('products', values.products, 20);
  const itemsPerOrder = positiveInt('items', values.items, 2);
  if (itemsPerOrder < 1 || itemsPerOrder > Math.min(50, products)) {
    throw new Error('--items must be from 1 to min(50, --products)');
  }
  const slots = positiveInt('slots', values.slots, 20);
  if (slots < 1) throw new Error('--slots must be at least 1');

  return {
    ...(durationSeconds !== undefined ? { durationSeconds } : { orders: orders ?? 200 }),
    concurrency,
    warmup: positiveInt('warmup', values.warmup, 200),
    ...(values.url !== undefined ? { url: values.url.replace(/\/+$/, '') } : {}),
    ...(values['stack-file'] !== undefined
      ? { stackFile: values['stack-file'] }
      : values.url !== undefined
        ? { stackFile: '.local/stack.json' }
        : {}),
    portBase: positiveInt('port-base', values['port-base'], 500),
    pollIntervalMs: positiveInt('poll-interval', values['poll-interval'], 200),
    orderTimeoutMs: positiveInt('order-timeout', values['order-timeout'], 60) * 1000,
    users,
    products,
    slots,
    itemsPerOrder,
    idempotencyKeys: values['no-idempotency-key'] !== true,
    httpSeconds: positiveInt('http-seconds', values['http-seconds'], 5),
    coldStartRuns: Math.max(1, positiveInt('cold-start-runs', values['cold-start-runs'], 3)),
    ...(values['floor-orders'] !== undefined
      ? { floorOrders: positiveInt('floor-orders', values['floor-orders'], 0) }
      : {}),
    ...(values['log-level'] !== undefined ? { logLevel: values['log-level'] } : {}),
    ...(values.package !== undefined ? { packageDir: values.package } : {}),
    ...(values.out !== undefined ? { out: values.out } : {}),
  };
}
