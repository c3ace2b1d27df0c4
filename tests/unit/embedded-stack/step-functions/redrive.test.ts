import {
  DescribeExecutionCommand,
  RedriveExecutionCommand,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import { randomUUID } from 'node:crypto';
import {
  asyncHandler,
  historyOf,
  LAMBDA_ARN,
  startTestStack,
  stateMachineArn,
  type TestStack,
  typesOf,
  waitForEnd,
} from './sfn-test-kit';

// Whether Undo may succeed yet, per order: an operator "fixes the cause" by flipping it.
const fixed = new Set<string>();
const calls: string[] = [];
let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack([
    {
      name: 'undo',
      definition: {
        QueryLanguage: 'JSONata',
        StartAt: 'Reserve',
        States: {
          Reserve: {
            Type: 'Task',
            Resource: LAMBDA_ARN,
            Assign: { orderId: '{% $states.input.orderId %}' },
            Next: 'Undo',
          },
          Undo: {
            Type: 'Task',
            Resource: LAMBDA_ARN,
            Arguments: { orderId: '{% $orderId %}' },
            End: true,
          },
        },
      },
      taskHandlers: {
        Reserve: asyncHandler((input) => {
          calls.push(`Reserve ${(input as { orderId: string }).orderId}`);
          return 'reserved';
        }),
        Undo: asyncHandler((input) => {
          const { orderId } = input as { orderId: string };
          calls.push(`Undo ${orderId}`);
          if (!fixed.has(orderId)) throw new Error('still broken');
          return 'undone';
        }),
      },
    },
  ]);
});

afterAll(() => stack.close());

describe('RedriveExecution', () => {
  it('continues a FAILED execution from the failed state, without rerunning the steps that succeeded', async () => {
    const orderId = randomUUID();
    const { executionArn } = await stack.client.send(
      new StartExecutionCommand({
        stateMachineArn: stateMachineArn('undo'),
        name: orderId,
        input: JSON.stringify({ orderId }),
      }),
    );
    expect((await waitForEnd(stack.client, executionArn ?? '')).status).toBe('FAILED');

    fixed.add(orderId);
    const { redriveDate } = await stack.client.send(new RedriveExecutionCommand({ executionArn }));
    const ended = await waitForEnd(stack.client, executionArn ?? '');

    expect(redriveDate).toBeInstanceOf(Date);
    expect(ended).toMatchObject({ status: 'SUCCEEDED', output: '"undone"', redriveCount: 1 });
    expect(calls.filter((call) => call.endsWith(orderId))).toEqual([
      `Reserve ${orderId}`,
      `Undo ${orderId}`,
      `Undo ${orderId}`,
    ]);
    const types = typesOf(await historyOf(stack.client, executionArn ?? ''));
    expect(types.slice(types.indexOf('ExecutionFailed'))).toEqual([
      'ExecutionFailed',
      'ExecutionRedriven',
      'TaskStateEntered',
      'LambdaFunctionScheduled',
      'LambdaFunctionStarted',
      'LambdaFunctionSucceeded',
      'TaskStateExited',
      'ExecutionSucceeded',
    ]);
  });

  it('refuses to redrive a SUCCEEDED execution with ExecutionNotRedrivable', async () => {
    const orderId = randomUUID();
    fixed.add(orderId);
    const { executionArn } = await stack.client.send(
      new StartExecutionCommand({
        stateMachineArn: stateMachineArn('undo'),
        input: JSON.stringify({ orderId }),
      }),
    );
    await waitForEnd(stack.client, executionArn ?? '');

    await expect(
      stack.client.send(new RedriveExecutionCommand({ executionArn })),
    ).rejects.toMatchObject({ name: 'ExecutionNotRedrivable' });
    const described = await stack.client.send(new DescribeExecutionCommand({ executionArn }));
    expect(described).toMatchObject({ status: 'SUCCEEDED', redriveCount: 0 });
  });
});
