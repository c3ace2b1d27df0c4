import {
  DescribeExecutionCommand,
  type SFNClient,
  StartExecutionCommand,
  StopExecutionCommand,
} from '@aws-sdk/client-sfn';
import { randomUUID } from 'node:crypto';
import {
  asyncHandler,
  type Deferred,
  deferred,
  historyOf,
  LAMBDA_ARN,
  PaymentDeclined,
  startTestStack,
  stateMachineArn,
  type TestStack,
  TransientFault,
  typesOf,
  waitForEnd,
} from './sfn-test-kit';

interface PaymentInput {
  orderId: string;
  /** The error each successive ReservePayment attempt throws; none means success. */
  failures: string[];
}

const reserveAttempts = new Map<string, number>();
const releasedOrders: string[] = [];
const gates = new Map<string, Deferred<void>>();

let stack: TestStack;
let client: SFNClient;

beforeAll(async () => {
  stack = await startTestStack([
    {
      name: 'greeting',
      definition: {
        StartAt: 'Greet',
        States: {
          Greet: { Type: 'Task', Resource: LAMBDA_ARN, ResultPath: '$.greeting', Next: 'Done' },
          Done: { Type: 'Succeed' },
        },
      },
      taskHandlers: {
        Greet: asyncHandler((input) => {
          const payload = input as { who: string };
          const greeting = { text: `Hello ${payload.who}`, at: new Date(0) };
          payload.who = 'changed by the handler';
          return greeting;
        }),
      },
    },
    {
      name: 'payment',
      definition: {
        StartAt: 'ReservePayment',
        States: {
          ReservePayment: {
            Type: 'Task',
            Resource: LAMBDA_ARN,
            ResultPath: '$.payment',
            Retry: [
              {
                ErrorEquals: ['TransientFault'],
                IntervalSeconds: 1,
                MaxAttempts: 2,
                BackoffRate: 1,
                JitterStrategy: 'FULL',
              },
            ],
            Catch: [
              { ErrorEquals: ['PaymentDeclined'], ResultPath: '$.error', Next: 'ReleasePayment' },
            ],
            Next: 'Confirmed',
          },
          ReleasePayment: {
            Type: 'Task',
            Resource: LAMBDA_ARN,
            ResultPath: null,
            Next: 'Cancelled',
          },
          Confirmed: { Type: 'Pass', End: true },
          Cancelled: { Type: 'Pass', End: true },
        },
      },
      taskHandlers: {
        ReservePayment: asyncHandler((input) => {
          const { orderId, failures } = input as PaymentInput;
          const attempt = reserveAttempts.get(orderId) ?? 0;
          reserveAttempts.set(orderId, attempt + 1);
          const failure = failures[attempt];
          if (failure === 'PaymentDeclined')
            throw new PaymentDeclined(`Order ${orderId}: wallet short`);
          if (failure === 'TransientFault') throw new TransientFault('Try again');
          return { holdId: `hold-${orderId}` };
        }),
        ReleasePayment: asyncHandler((input) => {
          releasedOrders.push((input as PaymentInput).orderId);
          return null;
        }),
      },
    },
    {
      name: 'order-outcome',
      definition: {
        StartAt: 'Decide',
        States: {
          Decide: {
            Type: 'Choice',
            Choices: [{ Variable: '$.outcome', StringEquals: 'reject', Next: 'Rejected' }],
            Default: 'Accepted',
          },
          Rejected: { Type: 'Fail', Error: 'OrderRejected', Cause: 'Out of stock' },
          Accepted: { Type: 'Succeed' },
        },
      },
      taskHandlers: {},
    },
    {
      name: 'gated',
      definition: {
        StartAt: 'WaitForGate',
        States: {
          WaitForGate: {
            Type: 'Task',
            Resource: LAMBDA_ARN,
            TimeoutSeconds: 1,
            Catch: [{ ErrorEquals: ['States.Timeout'], ResultPath: '$.error', Next: 'TimedOut' }],
            End: true,
          },
          TimedOut: { Type: 'Pass', End: true },
        },
      },
      taskHandlers: {
        WaitForGate: async (input) => {
          const gate = deferred<void>();
          gates.set((input as { gate: string }).gate, gate);
          await gate.promise;
          return 'opened';
        },
      },
    },
  ]);
  client = stack.client;
});

afterAll(async () => {
  for (const gate of gates.values()) gate.resolve();
  await stack.close();
});

const start = async (
  machine: string,
  input: unknown,
  name: string = randomUUID(),
): Promise<string> => {
  const started = await client.send(
    new StartExecutionCommand({
      stateMachineArn: stateMachineArn(machine),
      name,
      input: JSON.stringify(input),
    }),
  );
  if (!started.executionArn) throw new Error('StartExecution returned no executionArn');
  return started.executionArn;
};

const paymentRun = async (failures: string[]) => {
  const orderId = randomUUID();
  const executionArn = await start('payment', { orderId, failures }, orderId);
  return { orderId, executionArn, description: await waitForEnd(client, executionArn) };
};

const waitForGate = async (gate: string): Promise<Deferred<void>> => {
  const deadline = Date.now() + 2000;
  for (;;) {
    const found = gates.get(gate);
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`the handler never reached gate ${gate}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
};

describe('embedded Step Functions: executions', () => {
  it('runs a state machine to SUCCEEDED and describes its name, input, output and dates', async () => {
    const name = `greet-${randomUUID()}`;
    const executionArn = await start('greeting', { who: 'Ada' }, name);

    const description = await waitForEnd(client, executionArn);

    expect(executionArn).toBe(`arn:aws:states:eu-west-1:000000000000:execution:greeting:${name}`);
    expect(description).toMatchObject({
      executionArn,
      stateMachineArn: stateMachineArn('greeting'),
      name,
      status: 'SUCCEEDED',
      input: JSON.stringify({ who: 'Ada' }),
    });
    expect(JSON.parse(description.output ?? 'null')).toEqual({
      who: 'Ada',
      greeting: { text: 'Hello Ada', at: '1970-01-01T00:00:00.000Z' },
    });
    expect(description.startDate).toBeInstanceOf(Date);
    expect(description.stopDate?.getTime()).toBeGreaterThanOrEqual(
      description.startDate?.getTime() ?? Infinity,
    );
    expect(description.error).toBeUndefined();
  });

  it('records a successful Task as AWS does for a Lambda task, event after event', async () => {
    const executionArn = await start('greeting', { who: 'Grace' });
    await waitForEnd(client, executionArn);

    const events = await historyOf(client, executionArn);

    expect(typesOf(events)).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'LambdaFunctionScheduled',
      'LambdaFunctionStarted',
      'LambdaFunctionSucceeded',
      'TaskStateExited',
      'SucceedStateEntered',
      'SucceedStateExited',
      'ExecutionSucceeded',
    ]);
    expect(events[0]?.executionStartedEventDetails?.input).toBe(JSON.stringify({ who: 'Grace' }));
    expect(events[2]?.lambdaFunctionScheduledEventDetails).toMatchObject({
      resource: LAMBDA_ARN,
      input: JSON.stringify({ who: 'Grace' }),
    });
    expect(events[5]?.stateExitedEventDetails?.name).toBe('Greet');
  });

  it('catches a named task error with ResultPath $.error, keeping the input and the Lambda error as Cause', async () => {
    const { orderId, description } = await paymentRun(['PaymentDeclined']);

    expect(description.status).toBe('SUCCEEDED');
    const output = JSON.parse(description.output ?? 'null') as {
      orderId: string;
      failures: string[];
      error: { Error: string; Cause: string };
    };
    expect(output).toMatchObject({ orderId, failures: ['PaymentDeclined'] });
    expect(output.error.Error).toBe('PaymentDeclined');
    const cause = JSON.parse(output.error.Cause) as Record<string, unknown>;
    expect(Object.keys(cause)).toEqual(['errorType', 'errorMessage', 'trace']);
    expect(cause.errorType).toBe('PaymentDeclined');
    expect(cause.errorMessage).toBe(`Order ${orderId}: wallet short`);
    expect(Array.isArray(cause.trace)).toBe(true);
    expect((cause.trace as string[])[0]).toBe(`PaymentDeclined: Order ${orderId}: wallet short`);
    expect(releasedOrders).toContain(orderId);
  });

  it('records the failed Lambda attempt with error and cause, then leaves the Task for the Catch target', async () => {
    const { executionArn } = await paymentRun(['PaymentDeclined']);

    const events = await historyOf(client, executionArn);

    expect(typesOf(events).slice(0, 7)).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'LambdaFunctionScheduled',
      'LambdaFunctionStarted',
      'LambdaFunctionFailed',
      'TaskStateExited',
      'TaskStateEntered',
    ]);
    const failed = events[4]?.lambdaFunctionFailedEventDetails;
    expect(failed?.error).toBe('PaymentDeclined');
    expect(JSON.parse(failed?.cause ?? '{}')).toMatchObject({ errorType: 'PaymentDeclined' });
    expect(events[6]?.stateEnteredEventDetails?.name).toBe('ReleasePayment');
  });

  it('retries a listed transient error and succeeds on the second attempt, both attempts in the history in order', async () => {
    const { orderId, executionArn, description } = await paymentRun(['TransientFault']);

    expect(description.status).toBe('SUCCEEDED');
    expect(JSON.parse(description.output ?? 'null')).toMatchObject({
      payment: { holdId: `hold-${orderId}` },
    });
    expect(reserveAttempts.get(orderId)).toBe(2);
    const events = await historyOf(client, executionArn);
    expect(typesOf(events)).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'LambdaFunctionScheduled',
      'LambdaFunctionStarted',
      'LambdaFunctionFailed',
      'LambdaFunctionScheduled',
      'LambdaFunctionStarted',
      'LambdaFunctionSucceeded',
      'TaskStateExited',
      'PassStateEntered',
      'PassStateExited',
      'ExecutionSucceeded',
    ]);
    expect(events[4]?.lambdaFunctionFailedEventDetails?.error).toBe('TransientFault');
    expect(events[9]?.stateEnteredEventDetails?.name).toBe('Confirmed');
  });

  it('does not retry a business error that the Retry does not list', async () => {
    const { orderId, executionArn } = await paymentRun(['PaymentDeclined', 'PaymentDeclined']);

    expect(reserveAttempts.get(orderId)).toBe(1);
    const events = await historyOf(client, executionArn);
    expect(typesOf(events)).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'LambdaFunctionScheduled',
      'LambdaFunctionStarted',
      'LambdaFunctionFailed',
      'TaskStateExited',
      'TaskStateEntered',
      'LambdaFunctionScheduled',
      'LambdaFunctionStarted',
      'LambdaFunctionSucceeded',
      'TaskStateExited',
      'PassStateEntered',
      'PassStateExited',
      'ExecutionSucceeded',
    ]);
    expect(events[6]?.stateEnteredEventDetails?.name).toBe('ReleasePayment');
  });

  it('fails the execution when retries run out, with the last Lambda error', async () => {
    const { orderId, description } = await paymentRun([
      'TransientFault',
      'TransientFault',
      'TransientFault',
    ]);

    expect(reserveAttempts.get(orderId)).toBe(3);
    expect(description.status).toBe('FAILED');
    expect(description.error).toBe('TransientFault');
    expect(JSON.parse(description.cause ?? '{}')).toMatchObject({
      errorType: 'TransientFault',
      errorMessage: 'Try again',
    });
  }, 10_000);

  it('ends FAILED with the error and cause of a Fail state', async () => {
    const executionArn = await start('order-outcome', { outcome: 'reject' });

    const description = await waitForEnd(client, executionArn);

    expect(description).toMatchObject({
      status: 'FAILED',
      error: 'OrderRejected',
      cause: 'Out of stock',
    });
    expect(description.output).toBeUndefined();
    const events = await historyOf(client, executionArn);
    expect(typesOf(events)).toEqual([
      'ExecutionStarted',
      'ChoiceStateEntered',
      'ChoiceStateExited',
      'FailStateEntered',
      'ExecutionFailed',
    ]);
    expect(events[4]?.executionFailedEventDetails).toEqual({
      error: 'OrderRejected',
      cause: 'Out of stock',
    });
  });

  it('times a Task out after its TimeoutSeconds, recording LambdaFunctionTimedOut and ignoring the late answer', async () => {
    const gate = randomUUID();
    const executionArn = await start('gated', { gate });

    const description = await waitForEnd(client, executionArn);
    (await waitForGate(gate)).resolve();

    expect(description.status).toBe('SUCCEEDED');
    expect(JSON.parse(description.output ?? 'null')).toMatchObject({
      error: { Error: 'States.Timeout' },
    });
    const events = await historyOf(client, executionArn);
    expect(typesOf(events)).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'LambdaFunctionScheduled',
      'LambdaFunctionStarted',
      'LambdaFunctionTimedOut',
      'TaskStateExited',
      'PassStateEntered',
      'PassStateExited',
      'ExecutionSucceeded',
    ]);
  });
});

describe('embedded Step Functions: starting and stopping', () => {
  it('refuses a reused execution name with different input: ExecutionAlreadyExists', async () => {
    const name = randomUUID();
    await start('order-outcome', { outcome: 'accept' }, name);

    await expect(start('order-outcome', { outcome: 'reject' }, name)).rejects.toMatchObject({
      name: 'ExecutionAlreadyExists',
      $metadata: { httpStatusCode: 400 },
    });
  });

  it('refuses a name reused after its execution ended, even with the same input', async () => {
    const name = randomUUID();
    await waitForEnd(client, await start('order-outcome', { outcome: 'accept' }, name));

    await expect(start('order-outcome', { outcome: 'accept' }, name)).rejects.toMatchObject({
      name: 'ExecutionAlreadyExists',
    });
  });

  it('answers a repeated start with the same name and input while RUNNING with the same execution', async () => {
    const gate = randomUUID();
    const name = randomUUID();
    const input = JSON.stringify({ gate });
    const first = await client.send(
      new StartExecutionCommand({ stateMachineArn: stateMachineArn('gated'), name, input }),
    );
    const again = await client.send(
      new StartExecutionCommand({ stateMachineArn: stateMachineArn('gated'), name, input }),
    );
    (await waitForGate(gate)).resolve();

    expect(again.executionArn).toBe(first.executionArn);
    expect(again.startDate).toEqual(first.startDate);
    const description = await waitForEnd(client, first.executionArn ?? '');
    expect(JSON.parse(description.output ?? 'null')).toBe('opened');
  });

  it('stops a running execution: ABORTED with the given error and cause, nothing runs after', async () => {
    const gate = randomUUID();
    const executionArn = await start('gated', { gate });
    const pending = await waitForGate(gate);

    const stopped = await client.send(
      new StopExecutionCommand({ executionArn, error: 'Operator', cause: 'Testing a stop' }),
    );
    pending.resolve();

    expect(stopped.stopDate).toBeInstanceOf(Date);
    const description = await client.send(new DescribeExecutionCommand({ executionArn }));
    expect(description).toMatchObject({
      status: 'ABORTED',
      error: 'Operator',
      cause: 'Testing a stop',
    });
    const events = await historyOf(client, executionArn);
    expect(typesOf(events)).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'LambdaFunctionScheduled',
      'LambdaFunctionStarted',
      'ExecutionAborted',
    ]);
    expect(events[4]?.executionAbortedEventDetails).toEqual({
      error: 'Operator',
      cause: 'Testing a stop',
    });
  });

  it('rejects input that is not JSON with InvalidExecutionInput', async () => {
    await expect(
      client.send(
        new StartExecutionCommand({ stateMachineArn: stateMachineArn('greeting'), input: '{nope' }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidExecutionInput' });
  });

  it('rejects an execution name AWS would refuse with InvalidName', async () => {
    await expect(start('greeting', { who: 'x' }, 'has space')).rejects.toMatchObject({
      name: 'InvalidName',
    });
    await expect(start('greeting', { who: 'x' }, 'n'.repeat(81))).rejects.toMatchObject({
      name: 'InvalidName',
    });
  });

  it('names an execution started without a name with a random UUID and runs it on {}', async () => {
    const started = await client.send(
      new StartExecutionCommand({ stateMachineArn: stateMachineArn('greeting') }),
    );

    const description = await waitForEnd(client, started.executionArn ?? '');

    expect(description.name).toMatch(/^[0-9a-f-]{36}$/);
    expect(description.input).toBe('{}');
    expect(description.status).toBe('SUCCEEDED');
  });
});
