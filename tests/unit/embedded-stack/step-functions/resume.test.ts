import {
  DescribeExecutionCommand,
  ListExecutionsCommand,
  RedriveExecutionCommand,
  SFNClient,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type LocalStateMachine,
  startStepFunctionsServer,
  type StepFunctionsServer,
} from '../../../../embedded-stack/step-functions';
import {
  ACCOUNT_ID,
  asyncHandler,
  deferred,
  type Deferred,
  historyOf,
  LAMBDA_ARN,
  REGION,
  stateMachineArn,
  typesOf,
  waitForEnd,
} from './sfn-test-kit';

// Reserve assigns the order id; Pay (which can be held open, or made to fail) and Confirm use it.
const calls: string[] = [];
let payGate: Deferred<void> | undefined;
let payEntered: Deferred<void> | undefined;
let payFails = false;

const saga: LocalStateMachine = {
  name: 'saga',
  definition: {
    QueryLanguage: 'JSONata',
    StartAt: 'Reserve',
    States: {
      Reserve: {
        Type: 'Task',
        Resource: LAMBDA_ARN,
        Assign: { orderId: '{% $states.input.orderId %}' },
        Output: { step: 'reserved' },
        Next: 'Pay',
      },
      Pay: {
        Type: 'Task',
        Resource: LAMBDA_ARN,
        Arguments: { orderId: '{% $orderId %}' },
        Next: 'Confirm',
      },
      Confirm: {
        Type: 'Task',
        Resource: LAMBDA_ARN,
        Arguments: { orderId: '{% $orderId %}', paid: '{% $states.input %}' },
        End: true,
      },
    },
  },
  taskHandlers: {
    Reserve: asyncHandler((input) => {
      calls.push(`Reserve ${(input as { orderId: string }).orderId}`);
      return 'reserved';
    }),
    Pay: async (input) => {
      const { orderId } = input as { orderId: string };
      calls.push(`Pay ${orderId}`);
      payEntered?.resolve();
      await payGate?.promise;
      if (payFails) throw new Error('the bank is down');
      return 'paid';
    },
    Confirm: asyncHandler((input) => {
      const { orderId, paid } = input as { orderId: string; paid: string };
      calls.push(`Confirm ${orderId}`);
      return { orderId, paid };
    }),
  },
};

const open: { server: StepFunctionsServer; client: SFNClient }[] = [];

const startServer = async (dataDir: string) => {
  const server = await startStepFunctionsServer({
    port: 0,
    region: REGION,
    accountId: ACCOUNT_ID,
    stateMachines: [saga],
    dataDir,
  });
  const client = new SFNClient({
    endpoint: server.url,
    region: REGION,
    credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
  });
  open.push({ server, client });
  return { server, client };
};

const start = (client: SFNClient, orderId: string) =>
  client.send(
    new StartExecutionCommand({
      stateMachineArn: stateMachineArn('saga'),
      name: orderId,
      input: JSON.stringify({ orderId }),
    }),
  );

let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'sfn-resume-'));
  calls.length = 0;
  payGate = payEntered = undefined;
  payFails = false;
});
afterEach(async () => {
  payGate?.resolve();
  for (const { server, client } of open.splice(0)) {
    client.destroy();
    await server.close();
  }
  rmSync(dataDir, { recursive: true, force: true });
});

describe('executions kept on disk', () => {
  it('are listed, described and have their history after a restart', async () => {
    const first = await startServer(dataDir);
    const { executionArn = '' } = await start(first.client, 'o-1');
    const ended = await waitForEnd(first.client, executionArn);
    const history = await historyOf(first.client, executionArn);
    // As on AWS, the stop date is the closing event's: the one a restart reads back.
    expect(ended.stopDate).toEqual(history.at(-1)?.timestamp);
    await first.server.close();

    const second = await startServer(dataDir);

    expect(second.server.resumeExecutions()).toBe(0);
    expect(await second.client.send(new DescribeExecutionCommand({ executionArn }))).toMatchObject({
      status: 'SUCCEEDED',
      output: ended.output,
      input: '{"orderId":"o-1"}',
      startDate: ended.startDate,
      stopDate: ended.stopDate,
    });
    expect(await historyOf(second.client, executionArn)).toEqual(history);
    const listed = await second.client.send(
      new ListExecutionsCommand({ stateMachineArn: stateMachineArn('saga') }),
    );
    expect(listed.executions?.map((execution) => [execution.name, execution.status])).toEqual([
      ['o-1', 'SUCCEEDED'],
    ]);
    // The name stays taken, as on AWS.
    await expect(start(second.client, 'o-1')).rejects.toMatchObject({
      name: 'ExecutionAlreadyExists',
    });
  });

  it('resume one that was running when the process was killed, from the state it was in', async () => {
    payGate = deferred<void>();
    payEntered = deferred<void>();
    const first = await startServer(dataDir);
    const { executionArn = '' } = await start(first.client, 'o-2');
    await payEntered.promise;
    // What a kill -9 leaves: the files as they are while Pay runs (the first process goes on
    // running here, but writes only to its own directory).
    const killedAt = mkdtempSync(join(tmpdir(), 'sfn-killed-'));
    cpSync(dataDir, killedAt, { recursive: true });
    const historyAtKill = await historyOf(first.client, executionArn);
    payGate = undefined;

    const second = await startServer(killedAt);
    try {
      expect(
        (await second.client.send(new DescribeExecutionCommand({ executionArn }))).status,
      ).toBe('RUNNING');
      expect(second.server.resumeExecutions()).toBe(1);
      expect(second.server.resumeExecutions()).toBe(0);
      const ended = await waitForEnd(second.client, executionArn);

      // Reserve ran once; Pay, cut short by the kill, again; Confirm saw the variable Reserve set.
      expect(calls).toEqual(['Reserve o-2', 'Pay o-2', 'Pay o-2', 'Confirm o-2']);
      expect(ended).toMatchObject({
        status: 'SUCCEEDED',
        output: JSON.stringify({ orderId: 'o-2', paid: 'paid' }),
      });
      const history = await historyOf(second.client, executionArn);
      expect(history.slice(0, historyAtKill.length)).toEqual(historyAtKill);
      expect(typesOf(history.slice(historyAtKill.length))).toEqual([
        'TaskStateEntered',
        'LambdaFunctionScheduled',
        'LambdaFunctionStarted',
        'LambdaFunctionSucceeded',
        'TaskStateExited',
        'TaskStateEntered',
        'LambdaFunctionScheduled',
        'LambdaFunctionStarted',
        'LambdaFunctionSucceeded',
        'TaskStateExited',
        'ExecutionSucceeded',
      ]);
      expect(history.map((event) => event.id)).toEqual(history.map((_, index) => index + 1));
    } finally {
      rmSync(killedAt, { recursive: true, force: true });
    }
  });

  it('keep a running one RUNNING across a graceful stop, and it resumes on the next start', async () => {
    payGate = deferred<void>();
    payEntered = deferred<void>();
    const first = await startServer(dataDir);
    const { executionArn = '' } = await start(first.client, 'o-3');
    await payEntered.promise;
    await first.server.close();
    payGate.resolve();
    payGate = undefined;

    const second = await startServer(dataDir);
    expect(second.server.resumeExecutions()).toBe(1);

    expect(await waitForEnd(second.client, executionArn)).toMatchObject({ status: 'SUCCEEDED' });
    expect(typesOf(await historyOf(second.client, executionArn))).not.toContain('ExecutionAborted');
  });

  it('can redrive after a restart an execution that failed before it', async () => {
    payFails = true;
    const first = await startServer(dataDir);
    const { executionArn = '' } = await start(first.client, 'o-4');
    expect((await waitForEnd(first.client, executionArn)).status).toBe('FAILED');
    await first.server.close();

    payFails = false;
    const second = await startServer(dataDir);
    expect(second.server.resumeExecutions()).toBe(0);
    await second.client.send(new RedriveExecutionCommand({ executionArn }));

    expect(await waitForEnd(second.client, executionArn)).toMatchObject({
      status: 'SUCCEEDED',
      redriveCount: 1,
    });
    expect(calls).toEqual(['Reserve o-4', 'Pay o-4', 'Pay o-4', 'Confirm o-4']);
    await second.server.close();
    const third = await startServer(dataDir);
    expect(await third.client.send(new DescribeExecutionCommand({ executionArn }))).toMatchObject({
      status: 'SUCCEEDED',
      redriveCount: 1,
    });
  });
});
