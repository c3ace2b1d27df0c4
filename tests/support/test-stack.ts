import { resolve } from 'node:path';

/**
 * The test suite's own embedded stack: its ports differ from `npm start`'s defaults so the tests
 * can run while a developer's stack is up, and SHOP_TEST_PORT_OFFSET (e.g. 10000) moves them all so two
 * test runs (two checkouts, two engineers) can share a machine.
 */
export const ROOT = resolve(__dirname, '..', '..');
export const PORT_OFFSET = Number(process.env.SHOP_TEST_PORT_OFFSET ?? 0);
const suffix = PORT_OFFSET === 0 ? '' : `-${PORT_OFFSET}`;
export const TEST_STACK_FILE = resolve(ROOT, '.local', `test-stack${suffix}.json`);
export const TEST_STACK_LOG = resolve(ROOT, '.local', `test-stack${suffix}.log`);

/** `npm start`'s default ports moved by `base`, e.g. 100 -> 3100, 3102, 4102, 8100, 8183, 9329. */
export const portsAt = (base: number) => ({
  SHOP_HTTP_PORT: String(3000 + base + PORT_OFFSET),
  SHOP_LAMBDA_PORT: String(3002 + base + PORT_OFFSET),
  SHOP_SNS_PORT: String(4002 + base + PORT_OFFSET),
  SHOP_DYNAMODB_PORT: String(8000 + base + PORT_OFFSET),
  SHOP_SFN_PORT: String(8083 + base + PORT_OFFSET),
  SHOP_COGNITO_PORT: String(9229 + base + PORT_OFFSET),
  SHOP_CLOUDWATCH_PORT: String(8084 + base + PORT_OFFSET),
  SHOP_CONSOLE_PORT: String(3005 + base + PORT_OFFSET),
  SHOP_DOCS_PORT: String(3007 + base + PORT_OFFSET),
});

export const TEST_STACK_PORTS = portsAt(100);

/**
 * The port base of each test file that starts a stack of its own: one place, so two such files
 * that Jest runs at once never ask for the same ports.
 */
export const PRIVATE_STACK_BASES = {
  npmStart: 200,
  hostileRequests: 300,
  snsOutage: 400,
  stuckOrders: 500,
  orderCorrelation: 600,
  crashRecovery: 700,
  concurrentOrders: 800,
} as const;

export interface StackDetails {
  consoleUrl: string;
  httpApiUrl: string;
  stepFunctionsUrl: string;
  cloudWatchUrl: string;
  dynamodbUrl: string;
  snsUrl: string;
  cognitoUrl: string;
  userPoolId: string;
  userPoolClientId: string;
  /** The local stage's admin account (API.md), registered and in the admin group. */
  admin: { email: string; password: string };
  region: string;
  tables: string[];
  stateMachineArns: string[];
  environment: Record<string, string>;
  pids: number[];
}
