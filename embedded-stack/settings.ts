import { resolve } from 'node:path';
import * as z from 'zod';

/**
 * Where the embedded stack listens. Every port can be moved through the environment, so a second
 * stack (the test suite's) can run beside a developer's `npm start`.
 */
const portSchema = z.coerce.number().int().min(1).max(65535);

const settingsSchema = z.object({
  SHOP_HTTP_PORT: portSchema.default(3000),
  // serverless-offline's own HTTP port, behind the ready gate (ready-gate.ts); default HTTP + 1.
  SHOP_OFFLINE_HTTP_PORT: portSchema.optional(),
  SHOP_LAMBDA_PORT: portSchema.default(3002),
  SHOP_SNS_PORT: portSchema.default(4002),
  SHOP_DYNAMODB_PORT: portSchema.default(8000),
  SHOP_SFN_PORT: portSchema.default(8083),
  SHOP_COGNITO_PORT: portSchema.default(9229),
  // Where the functions reach SNS, when not at SHOP_SNS_PORT itself: a test puts a proxy there to
  // take SNS away from the publishers and bring it back (tests/e2e/events/sns-outage.test.ts).
  SHOP_SNS_ENDPOINT_URL: z.url().optional(),
  SHOP_CLOUDWATCH_PORT: portSchema.default(8084),
  SHOP_CONSOLE_PORT: portSchema.default(3005),
  SHOP_DOCS_PORT: portSchema.default(3007),
  SHOP_STACK_FILE: z.string().min(1).default('.local/stack.json'),
  // Where the stack keeps its state between runs (DynamoDB Local, cognito-local, the stream
  // checkpoints, the Step Functions executions); default .local/data-<http port>.
  SHOP_DATA_DIR: z.string().min(1).optional(),
  AWS_REGION: z.string().min(1).default('us-east-1'),
  // Scales the local Step Functions endpoint's Retry and Wait intervals (0.01: a 4 s backoff
  // takes 40 ms), as Step Functions Local's wait-time settings do; timeouts stay real.
  SHOP_SFN_TIME_SCALE: z.coerce.number().positive().max(1).default(1),
  // Every EventBridge schedule rule's period instead of its rate (embedded-stack/scheduler.ts): a
  // test runs the stuck-order sweeper every second or two rather than every minute.
  SHOP_SCHEDULE_PERIOD_SECONDS: z.coerce.number().positive().max(86_400).optional(),
});

export const PROJECT_ROOT = resolve(__dirname, '..');
export const LOCAL_STAGE = 'local';
export const HOST = '127.0.0.1';

export interface EmbeddedStackSettings {
  region: string;
  ports: {
    http: number;
    offlineHttp: number;
    lambda: number;
    sns: number;
    dynamodb: number;
    stepFunctions: number;
    cognito: number;
    cloudWatch: number;
    console: number;
    /** The API's reference page (docs/api.html). */
    docs: number;
  };
  /** Where the functions reach SNS. */
  snsEndpointUrl: string;
  stackFile: string;
  /** Where this stack's functions are built (relative to the project), one folder per stack. */
  buildDir: string;
  /** Where this stack's state lives between runs (absolute), one folder per stack. */
  dataDir: string;
  /** `--fresh`: forget the state of earlier runs and start empty. */
  fresh: boolean;
  /** The stream mappings' checkpoints and parked failures (absolute), in the data directory. */
  streamsDir: string;
  /** SHOP_SFN_TIME_SCALE: 1 is real time. */
  sfnTimeScale: number;
  /** SHOP_SCHEDULE_PERIOD_SECONDS: undefined runs each schedule rule on its own rate. */
  schedulePeriodSeconds: number | undefined;
}

export function readSettings(
  env: NodeJS.ProcessEnv = process.env,
  argv: readonly string[] = process.argv.slice(2),
): EmbeddedStackSettings {
  const parsed = settingsSchema.parse(env);
  const dataDir = resolve(
    PROJECT_ROOT,
    parsed.SHOP_DATA_DIR ?? `.local/data-${parsed.SHOP_HTTP_PORT}`,
  );
  return {
    region: parsed.AWS_REGION,
    ports: {
      http: parsed.SHOP_HTTP_PORT,
      offlineHttp: parsed.SHOP_OFFLINE_HTTP_PORT ?? parsed.SHOP_HTTP_PORT + 1,
      lambda: parsed.SHOP_LAMBDA_PORT,
      sns: parsed.SHOP_SNS_PORT,
      dynamodb: parsed.SHOP_DYNAMODB_PORT,
      stepFunctions: parsed.SHOP_SFN_PORT,
      cognito: parsed.SHOP_COGNITO_PORT,
      cloudWatch: parsed.SHOP_CLOUDWATCH_PORT,
      console: parsed.SHOP_CONSOLE_PORT,
      docs: parsed.SHOP_DOCS_PORT,
    },
    snsEndpointUrl: parsed.SHOP_SNS_ENDPOINT_URL ?? url(parsed.SHOP_SNS_PORT),
    stackFile: resolve(PROJECT_ROOT, parsed.SHOP_STACK_FILE),
    buildDir: `.local/build-${parsed.SHOP_HTTP_PORT}`,
    dataDir,
    fresh: argv.includes('--fresh'),
    streamsDir: resolve(dataDir, 'streams'),
    sfnTimeScale: parsed.SHOP_SFN_TIME_SCALE,
    schedulePeriodSeconds: parsed.SHOP_SCHEDULE_PERIOD_SECONDS,
  };
}

export const url = (port: number): string => `http://${HOST}:${port}`;

/**
 * The environment every function sees locally, in-process or under serverless-offline: the
 * SDK's own endpoint variables point each service at its local stand-in, so functions/ holds no
 * endpoint code. The credentials are dummies: nothing local checks them.
 */
export function awsEndpointEnvironment(settings: EmbeddedStackSettings): Record<string, string> {
  return {
    AWS_REGION: settings.region,
    AWS_DEFAULT_REGION: settings.region,
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_ENDPOINT_URL_DYNAMODB: url(settings.ports.dynamodb),
    AWS_ENDPOINT_URL_SFN: url(settings.ports.stepFunctions),
    AWS_ENDPOINT_URL_SNS: settings.snsEndpointUrl,
    AWS_ENDPOINT_URL_LAMBDA: url(settings.ports.lambda),
    AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: url(settings.ports.cognito),
    AWS_ENDPOINT_URL_CLOUDWATCH: url(settings.ports.cloudWatch),
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    // What Lambda sets for on-demand functions: Powertools counts cold starts only then.
    AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
    // No X-Ray here: Powertools Tracer stays off (no segments, no daemon address to miss).
    POWERTOOLS_TRACE_ENABLED: 'false',
  };
}
