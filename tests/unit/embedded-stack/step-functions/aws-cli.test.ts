import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import {
  asyncHandler,
  LAMBDA_ARN,
  REGION,
  startTestStack,
  stateMachineArn,
  type TestStack,
  waitForEnd,
} from './sfn-test-kit';

// The wire protocol checked by a client we did not write: the AWS CLI (botocore) drives
// RedriveExecution and the read calls against the local endpoint.

const run = promisify(execFile);
const fixed = new Set<string>();
const ARN = stateMachineArn('cli-redrive');
let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack([
    {
      name: 'cli-redrive',
      definition: {
        StartAt: 'Undo',
        States: {
          Undo: {
            Type: 'Task',
            Resource: LAMBDA_ARN,
            Parameters: { 'orderId.$': '$.orderId' },
            End: true,
          },
        },
      },
      taskHandlers: {
        Undo: asyncHandler((input) => {
          const { orderId } = input as { orderId: string };
          if (!fixed.has(orderId)) throw new Error('still broken');
          return { undone: orderId };
        }),
      },
    },
  ]);
});

afterAll(() => stack.close());

const aws = async (...args: string[]): Promise<Record<string, unknown>> => {
  const { stdout } = await run(
    'aws',
    ['stepfunctions', ...args, '--endpoint-url', stack.server.url, '--output', 'json'],
    {
      env: {
        ...process.env,
        AWS_ACCESS_KEY_ID: 'local',
        AWS_SECRET_ACCESS_KEY: 'local',
        AWS_DEFAULT_REGION: REGION,
        AWS_REGION: REGION,
      },
    },
  );
  return JSON.parse(stdout) as Record<string, unknown>;
};

describe('the AWS CLI against the local Step Functions endpoint', () => {
  it('redrives a FAILED execution and reads it back with describe-execution', async () => {
    const orderId = randomUUID();
    const started = await aws(
      'start-execution',
      '--state-machine-arn',
      ARN,
      '--name',
      orderId,
      '--input',
      JSON.stringify({ orderId }),
    );
    const executionArn = String(started.executionArn);
    await waitForEnd(stack.client, executionArn);
    expect(await aws('describe-execution', '--execution-arn', executionArn)).toMatchObject({
      status: 'FAILED',
      redriveCount: 0,
      redriveStatus: 'REDRIVABLE',
    });

    fixed.add(orderId);
    const redriven = await aws('redrive-execution', '--execution-arn', executionArn);
    await waitForEnd(stack.client, executionArn);

    // The CLI (v1) prints timestamps as epoch seconds.
    expect(Number(redriven.redriveDate)).toBeGreaterThanOrEqual(Number(started.startDate));
    expect(await aws('describe-execution', '--execution-arn', executionArn)).toMatchObject({
      status: 'SUCCEEDED',
      redriveCount: 1,
      redriveStatus: 'NOT_REDRIVABLE',
      output: JSON.stringify({ undone: orderId }),
    });
    const history = await aws('get-execution-history', '--execution-arn', executionArn);
    expect((history.events as { type: string }[]).map((event) => event.type)).toContain(
      'ExecutionRedriven',
    );
  });

  it('answers describe-state-machine-for-execution and list-tags-for-resource', async () => {
    const orderId = randomUUID();
    fixed.add(orderId);
    const { executionArn } = await aws(
      'start-execution',
      '--state-machine-arn',
      ARN,
      '--input',
      JSON.stringify({ orderId }),
    );

    const described = await aws(
      'describe-state-machine-for-execution',
      '--execution-arn',
      String(executionArn),
    );
    const tags = await aws('list-tags-for-resource', '--resource-arn', ARN);

    expect(described).toMatchObject({ stateMachineArn: ARN, name: 'cli-redrive' });
    expect(JSON.parse(String(described.definition))).toMatchObject({ StartAt: 'Undo' });
    expect(tags).toEqual({ tags: [] });
    await expect(
      aws('list-tags-for-resource', '--resource-arn', stateMachineArn('no-such-machine')),
    ).rejects.toMatchObject({ stderr: expect.stringContaining('ResourceNotFound') as unknown });
  });

  it('gets the service error a real client understands for a redrive it may not make', async () => {
    const orderId = randomUUID();
    fixed.add(orderId);
    const { executionArn } = await aws(
      'start-execution',
      '--state-machine-arn',
      ARN,
      '--input',
      JSON.stringify({ orderId }),
    );
    await waitForEnd(stack.client, String(executionArn));

    await expect(
      aws('redrive-execution', '--execution-arn', String(executionArn)),
    ).rejects.toMatchObject({
      stderr: expect.stringContaining('ExecutionNotRedrivable') as unknown,
    });
  });
});
