import { resolve } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { readStackFile, startStack } from './start-stack';
import { portsAt, ROOT, type StackDetails } from './test-stack';

export interface PrivateStack {
  details: StackDetails;
  /** A document client of this stack's DynamoDB Local. */
  dynamoDb: DynamoDBDocumentClient;
  /** Where the stack's output (the handlers' log lines among it) is written. */
  logFile: string;
  stop: () => Promise<void>;
}

/**
 * An embedded stack of one test file's own, on ports `portsAt(base)`: for a test that must see
 * whole tables, which no other test writes to. It costs a stack start (seconds), so only such
 * tests use one; the others share the suite's stack.
 */
export async function startPrivateStack(
  name: string,
  base: number,
  /** More of the stack's settings, e.g. SHOP_SNS_ENDPOINT_URL (embedded-stack/settings.ts). */
  env: Record<string, string> = {},
): Promise<PrivateStack> {
  const stackFile = resolve(ROOT, '.local', `${name}-stack-${base}.json`);
  const logFile = resolve(ROOT, '.local', `${name}-stack-${base}.log`);
  const running = await startStack(
    process.execPath,
    ['--import', 'tsx', 'embedded-stack/start.ts', '--fresh'],
    {
      ...process.env,
      ...portsAt(base),
      SHOP_STACK_FILE: stackFile,
      POWERTOOLS_LOG_LEVEL: process.env.SHOP_TEST_LOG_LEVEL ?? 'WARN',
      ...env,
    },
    { timeoutMs: 90_000, logFile },
  );
  const details = await readStackFile<StackDetails>(stackFile);
  return {
    details,
    logFile,
    dynamoDb: DynamoDBDocumentClient.from(
      // DynamoDB Local checks no credentials, but the SDK wants some.
      new DynamoDBClient({
        endpoint: details.dynamodbUrl,
        region: details.region,
        credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      }),
    ),
    stop: async () => {
      await running.stop();
    },
  };
}

/**
 * Points this test file's HTTP client (http-client.ts) and its admin logins at `stack` instead of
 * the suite's shared stack. Jest gives each test file its own copy of process.env.
 */
export function talkTo(stack: PrivateStack): void {
  process.env.SHOP_HTTP_URL = stack.details.httpApiUrl;
  process.env.SHOP_ADMIN_EMAIL = stack.details.admin.email;
  process.env.SHOP_ADMIN_PASSWORD = stack.details.admin.password;
}
