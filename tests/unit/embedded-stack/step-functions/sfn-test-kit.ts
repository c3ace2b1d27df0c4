import {
  DescribeExecutionCommand,
  type DescribeExecutionCommandOutput,
  GetExecutionHistoryCommand,
  type HistoryEvent,
  SFNClient,
} from '@aws-sdk/client-sfn';
import {
  type LocalStateMachine,
  startStepFunctionsServer,
  type StepFunctionsServer,
} from '../../../../embedded-stack/step-functions';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

export const REGION = 'eu-west-1';
export const ACCOUNT_ID = '000000000000';

export const stateMachineArn = (name: string): string =>
  `arn:aws:states:${REGION}:${ACCOUNT_ID}:stateMachine:${name}`;

export interface TestStack {
  server: StepFunctionsServer;
  client: SFNClient;
  close(): Promise<void>;
}

export const startTestStack = async (
  stateMachines: LocalStateMachine[],
  timeScale?: number,
): Promise<TestStack> => {
  const server = await startStepFunctionsServer({
    port: 0,
    region: REGION,
    accountId: ACCOUNT_ID,
    stateMachines,
    ...(timeScale === undefined ? {} : { timeScale }),
  });
  const client = new SFNClient({
    endpoint: server.url,
    region: REGION,
    credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
  });
  return {
    server,
    client,
    close: async () => {
      client.destroy();
      await server.close();
    },
  };
};

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls DescribeExecution until the execution has ended, or fails after the deadline. */
export const waitForEnd = async (
  client: SFNClient,
  executionArn: string,
  timeoutMs = 4000,
): Promise<DescribeExecutionCommandOutput> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const description = await client.send(new DescribeExecutionCommand({ executionArn }));
    if (description.status !== 'RUNNING') return description;
    if (Date.now() > deadline) {
      throw new Error(`${executionArn} still RUNNING after ${timeoutMs} ms`);
    }
    await pause(10);
  }
};

/** The whole history, oldest first, across pages. */
export const historyOf = async (
  client: SFNClient,
  executionArn: string,
): Promise<HistoryEvent[]> => {
  const events: HistoryEvent[] = [];
  let nextToken: string | undefined;
  do {
    const page = await client.send(new GetExecutionHistoryCommand({ executionArn, nextToken }));
    events.push(...(page.events ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  return events;
};

export const typesOf = (events: HistoryEvent[]): (string | undefined)[] =>
  events.map((event) => event.type);

export interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
}

export const deferred = <T>(): Deferred<T> => {
  let resolve: (value: T) => void = () => undefined;
  const promise = new Promise<T>((onResolve) => {
    resolve = onResolve;
  });
  return { promise, resolve };
};

/** Runs `fn` as an async Lambda handler: on a later tick, a throw becoming a rejection. */
export const asyncHandler =
  (fn: (input: unknown) => unknown) =>
  (input: unknown): Promise<unknown> =>
    Promise.resolve().then(() => fn(input));

export class PaymentDeclined extends Error {
  override readonly name = 'PaymentDeclined';
}

export class TransientFault extends Error {
  override readonly name = 'TransientFault';
}

export const LAMBDA_ARN = `arn:aws:lambda:${REGION}:${ACCOUNT_ID}:function:test-function`;
