import { StartExecutionCommand } from '@aws-sdk/client-sfn';
import { startTestStack, stateMachineArn, waitForEnd, type TestStack } from './sfn-test-kit';

const seen: unknown[] = [];

const definition = {
  StartAt: 'Work',
  States: {
    Work: {
      Type: 'Task',
      Resource: 'arn:aws:lambda:eu-west-1:000000000000:function:work',
      Parameters: {
        'attempt.$': '$$.State.RetryCount',
        'state.$': '$$.State.Name',
        'enteredTime.$': '$$.State.EnteredTime',
        'execution.$': '$$.Execution.Name',
      },
      Retry: [
        {
          ErrorEquals: ['TransientFault'],
          IntervalSeconds: 1,
          MaxAttempts: 2,
          JitterStrategy: 'FULL',
        },
      ],
      End: true,
    },
  },
};

describe('the context object ($$) of the embedded Step Functions', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack([
      {
        name: 'context',
        definition,
        taskHandlers: {
          Work: (input) => {
            seen.push(input);
            if (seen.length === 1) {
              const error = new Error('first attempt fails');
              error.name = 'TransientFault';
              return Promise.reject(error);
            }
            return Promise.resolve({});
          },
        },
      },
    ]);
  });

  afterAll(() => stack.close());

  it('gives each attempt its $$.State.RetryCount, with the state name, entered time and execution name', async () => {
    const { executionArn } = await stack.client.send(
      new StartExecutionCommand({
        stateMachineArn: stateMachineArn('context'),
        name: 'order-1',
        input: '{}',
      }),
    );
    const description = await waitForEnd(stack.client, executionArn ?? '', 5000);

    expect(description.status).toBe('SUCCEEDED');
    expect(seen).toEqual([
      {
        attempt: 0,
        state: 'Work',
        enteredTime: expect.any(String) as string,
        execution: 'order-1',
      },
      {
        attempt: 1,
        state: 'Work',
        enteredTime: expect.any(String) as string,
        execution: 'order-1',
      },
    ]);
    const [first, second] = seen as { enteredTime: string }[];
    expect(Date.parse(first?.enteredTime ?? '')).toBeGreaterThan(0);
    // A retry stays in the state it entered once.
    expect(second?.enteredTime).toBe(first?.enteredTime);
  });
});
