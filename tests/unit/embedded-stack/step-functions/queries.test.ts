import {
  DescribeExecutionCommand,
  DescribeStateMachineCommand,
  DescribeStateMachineForExecutionCommand,
  GetExecutionHistoryCommand,
  type HistoryEvent,
  ListExecutionsCommand,
  ListStateMachinesCommand,
  type SFNClient,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
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

const OUTCOME_DEFINITION = {
  StartAt: 'Decide',
  States: {
    Decide: {
      Type: 'Choice',
      Choices: [{ Variable: '$.outcome', StringEquals: 'reject', Next: 'Rejected' }],
      Default: 'Enrich',
    },
    Rejected: { Type: 'Fail', Error: 'OrderRejected', Cause: 'Out of stock' },
    Enrich: { Type: 'Task', Resource: LAMBDA_ARN, ResultPath: '$.enriched', Next: 'Accepted' },
    Accepted: { Type: 'Succeed' },
  },
};

let stack: TestStack;
let client: SFNClient;

beforeAll(async () => {
  stack = await startTestStack([
    {
      name: 'outcome',
      definition: OUTCOME_DEFINITION,
      taskHandlers: { Enrich: asyncHandler(() => true) },
    },
    {
      name: 'other',
      definition: OUTCOME_DEFINITION,
      taskHandlers: { Enrich: asyncHandler(() => false) },
    },
  ]);
  client = stack.client;
});

afterAll(async () => {
  await stack.close();
});

const run = async (
  machine: string,
  name: string,
  outcome: 'accept' | 'reject',
): Promise<string> => {
  const started = await client.send(
    new StartExecutionCommand({
      stateMachineArn: stateMachineArn(machine),
      name,
      input: JSON.stringify({ outcome }),
    }),
  );
  const executionArn = started.executionArn ?? '';
  await waitForEnd(client, executionArn);
  return executionArn;
};

describe('embedded Step Functions: listing executions', () => {
  const names = { first: 'list-1', second: 'list-2', third: 'list-3', fourth: 'list-4' };

  beforeAll(async () => {
    await run('outcome', names.first, 'accept');
    await run('outcome', names.second, 'reject');
    await run('outcome', names.third, 'accept');
    await run('other', 'elsewhere', 'accept');
    await run('outcome', names.fourth, 'reject');
  });

  it("lists only the state machine's executions, newest first, with status and dates", async () => {
    const listed = await client.send(
      new ListExecutionsCommand({ stateMachineArn: stateMachineArn('outcome') }),
    );

    expect(listed.executions?.map((execution) => execution.name)).toEqual([
      names.fourth,
      names.third,
      names.second,
      names.first,
    ]);
    expect(listed.executions?.[0]).toMatchObject({
      stateMachineArn: stateMachineArn('outcome'),
      status: 'FAILED',
    });
    expect(listed.executions?.[0]?.startDate).toBeInstanceOf(Date);
    expect(listed.executions?.[0]?.stopDate).toBeInstanceOf(Date);
    expect(listed.nextToken).toBeUndefined();
  });

  it('filters executions by status', async () => {
    const failed = await client.send(
      new ListExecutionsCommand({
        stateMachineArn: stateMachineArn('outcome'),
        statusFilter: 'FAILED',
      }),
    );
    const succeeded = await client.send(
      new ListExecutionsCommand({
        stateMachineArn: stateMachineArn('outcome'),
        statusFilter: 'SUCCEEDED',
      }),
    );
    const running = await client.send(
      new ListExecutionsCommand({
        stateMachineArn: stateMachineArn('outcome'),
        statusFilter: 'RUNNING',
      }),
    );

    expect(failed.executions?.map((execution) => execution.name)).toEqual([
      names.fourth,
      names.second,
    ]);
    expect(succeeded.executions?.map((execution) => execution.name)).toEqual([
      names.third,
      names.first,
    ]);
    expect(running.executions).toEqual([]);
  });

  it('pages executions with maxResults and nextToken', async () => {
    const seen: string[] = [];
    let nextToken: string | undefined;
    let pages = 0;
    do {
      const page = await client.send(
        new ListExecutionsCommand({
          stateMachineArn: stateMachineArn('outcome'),
          statusFilter: 'SUCCEEDED',
          maxResults: 1,
          nextToken,
        }),
      );
      seen.push(...(page.executions ?? []).map((execution) => execution.name ?? ''));
      nextToken = page.nextToken;
      pages += 1;
    } while (nextToken);

    expect(seen).toEqual([names.third, names.first]);
    expect(pages).toBe(2);
  });

  it('refuses a token from another listing with InvalidToken', async () => {
    const firstPage = await client.send(
      new ListExecutionsCommand({ stateMachineArn: stateMachineArn('outcome'), maxResults: 1 }),
    );

    await expect(
      client.send(
        new ListExecutionsCommand({
          stateMachineArn: stateMachineArn('outcome'),
          statusFilter: 'FAILED',
          nextToken: firstPage.nextToken,
        }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidToken' });
  });
});

describe('embedded Step Functions: execution history', () => {
  let executionArn: string;
  let all: HistoryEvent[];

  beforeAll(async () => {
    executionArn = await run('outcome', 'history-run', 'accept');
    all = await historyOf(client, executionArn);
  });

  it('numbers events 1..n, each following the one before, with timestamps', () => {
    expect(typesOf(all)).toEqual([
      'ExecutionStarted',
      'ChoiceStateEntered',
      'ChoiceStateExited',
      'TaskStateEntered',
      'LambdaFunctionScheduled',
      'LambdaFunctionStarted',
      'LambdaFunctionSucceeded',
      'TaskStateExited',
      'SucceedStateEntered',
      'SucceedStateExited',
      'ExecutionSucceeded',
    ]);
    all.forEach((event, index) => {
      expect(event.id).toBe(index + 1);
      expect(event.previousEventId).toBe(index);
      expect(event.timestamp).toBeInstanceOf(Date);
    });
    expect(all[0]?.executionStartedEventDetails?.roleArn).toMatch(
      /^arn:aws:iam::000000000000:role\//,
    );
    expect(all[10]?.executionSucceededEventDetails?.output).toBe(
      JSON.stringify({ outcome: 'accept', enriched: true }),
    );
  });

  it('pages the history with maxResults and nextToken', async () => {
    const first = await client.send(
      new GetExecutionHistoryCommand({ executionArn, maxResults: 4 }),
    );
    const second = await client.send(
      new GetExecutionHistoryCommand({ executionArn, maxResults: 4, nextToken: first.nextToken }),
    );
    const third = await client.send(
      new GetExecutionHistoryCommand({ executionArn, maxResults: 4, nextToken: second.nextToken }),
    );

    expect(first.events?.map((event) => event.id)).toEqual([1, 2, 3, 4]);
    expect(second.events?.map((event) => event.id)).toEqual([5, 6, 7, 8]);
    expect(third.events?.map((event) => event.id)).toEqual([9, 10, 11]);
    expect(third.nextToken).toBeUndefined();
  });

  it('returns the history newest first with reverseOrder, across pages', async () => {
    const first = await client.send(
      new GetExecutionHistoryCommand({ executionArn, reverseOrder: true, maxResults: 6 }),
    );
    const second = await client.send(
      new GetExecutionHistoryCommand({
        executionArn,
        reverseOrder: true,
        maxResults: 6,
        nextToken: first.nextToken,
      }),
    );

    expect(first.events?.map((event) => event.id)).toEqual([11, 10, 9, 8, 7, 6]);
    expect(second.events?.map((event) => event.id)).toEqual([5, 4, 3, 2, 1]);
    expect(second.nextToken).toBeUndefined();
    expect(first.events?.[0]?.type).toBe('ExecutionSucceeded');
  });

  it('refuses a forward token for a reverseOrder request with InvalidToken', async () => {
    const first = await client.send(
      new GetExecutionHistoryCommand({ executionArn, maxResults: 2 }),
    );

    await expect(
      client.send(
        new GetExecutionHistoryCommand({
          executionArn,
          reverseOrder: true,
          nextToken: first.nextToken,
        }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidToken' });
  });

  it('leaves inputs and outputs out when includeExecutionData is false', async () => {
    const page = await client.send(
      new GetExecutionHistoryCommand({ executionArn, includeExecutionData: false }),
    );

    expect(page.events?.[1]?.stateEnteredEventDetails).toEqual({ name: 'Decide' });
    expect(page.events?.[4]?.lambdaFunctionScheduledEventDetails).toEqual({ resource: LAMBDA_ARN });
    expect(page.events?.[10]?.executionSucceededEventDetails).toEqual({});
  });
});

describe('embedded Step Functions: unknown resources and state machines', () => {
  it('answers ExecutionDoesNotExist for an execution that was never started', async () => {
    const executionArn = 'arn:aws:states:eu-west-1:000000000000:execution:outcome:never-started';

    await expect(client.send(new DescribeExecutionCommand({ executionArn }))).rejects.toMatchObject(
      {
        name: 'ExecutionDoesNotExist',
        $metadata: { httpStatusCode: 400 },
      },
    );
    await expect(
      client.send(new GetExecutionHistoryCommand({ executionArn })),
    ).rejects.toMatchObject({
      name: 'ExecutionDoesNotExist',
    });
  });

  it('answers StateMachineDoesNotExist for an unknown state machine and InvalidArn for a malformed ARN', async () => {
    await expect(
      client.send(new StartExecutionCommand({ stateMachineArn: stateMachineArn('missing') })),
    ).rejects.toMatchObject({ name: 'StateMachineDoesNotExist' });
    await expect(
      client.send(new DescribeExecutionCommand({ executionArn: 'not-an-arn' })),
    ).rejects.toMatchObject({ name: 'InvalidArn' });
  });

  it('lists the state machines and describes one with its definition as a JSON string', async () => {
    const listed = await client.send(new ListStateMachinesCommand({}));
    const described = await client.send(
      new DescribeStateMachineCommand({ stateMachineArn: stateMachineArn('outcome') }),
    );

    expect(listed.stateMachines?.map((machine) => machine.name)).toEqual(['outcome', 'other']);
    expect(listed.stateMachines?.[0]).toMatchObject({
      stateMachineArn: stateMachineArn('outcome'),
      type: 'STANDARD',
    });
    expect(described).toMatchObject({ name: 'outcome', status: 'ACTIVE', type: 'STANDARD' });
    expect(JSON.parse(described.definition ?? 'null')).toEqual(OUTCOME_DEFINITION);
    expect(described.creationDate).toBeInstanceOf(Date);
  });

  it('describes the state machine an execution ran, and ExecutionDoesNotExist for one never started', async () => {
    const executionArn = await run('other', 'machine-of-execution', 'accept');

    const described = await client.send(
      new DescribeStateMachineForExecutionCommand({ executionArn }),
    );

    expect(described).toMatchObject({ name: 'other', stateMachineArn: stateMachineArn('other') });
    expect(described.updateDate).toBeInstanceOf(Date);
    const otherDefinition = await client.send(
      new DescribeStateMachineCommand({ stateMachineArn: stateMachineArn('other') }),
    );
    expect(JSON.parse(described.definition ?? 'null')).toEqual(
      JSON.parse(otherDefinition.definition ?? '{}'),
    );
    await expect(
      client.send(
        new DescribeStateMachineForExecutionCommand({
          executionArn: executionArn.replace('machine-of-execution', 'never-started'),
        }),
      ),
    ).rejects.toMatchObject({ name: 'ExecutionDoesNotExist' });
  });
});
