import { randomUUID } from 'node:crypto';
import {
  type LocalStateMachine,
  startStepFunctionsServer,
} from '../../../../embedded-stack/step-functions';
import {
  ACCOUNT_ID,
  asyncHandler,
  deferred,
  LAMBDA_ARN,
  REGION,
  startTestStack,
  stateMachineArn,
  type TestStack,
} from './sfn-test-kit';

const simpleMachine = (taskHandlers: LocalStateMachine['taskHandlers']): LocalStateMachine => ({
  name: 'simple',
  definition: {
    StartAt: 'Work',
    States: { Work: { Type: 'Task', Resource: LAMBDA_ARN, End: true } },
  },
  taskHandlers,
});

const post = (url: string, target: string, body: unknown): Promise<Response> =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': target },
    body: JSON.stringify(body),
  });

describe('embedded Step Functions: the JSON 1.0 protocol', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack([simpleMachine({ Work: asyncHandler(() => 'done') })]);
  });

  afterAll(async () => {
    await stack.close();
  });

  it('answers an unknown action with HTTP 400 UnknownOperationException in body and header', async () => {
    const response = await post(stack.server.url, 'AWSStepFunctions.CreateActivity', {});

    expect(response.status).toBe(400);
    expect(response.headers.get('x-amzn-errortype')).toBe('UnknownOperationException');
    expect(response.headers.get('content-type')).toBe('application/x-amz-json-1.0');
    expect(await response.json()).toMatchObject({ __type: 'UnknownOperationException' });
  });

  it('sends timestamps as epoch seconds with a fraction', async () => {
    const before = Date.now() / 1000;
    const response = await post(stack.server.url, 'AWSStepFunctions.StartExecution', {
      stateMachineArn: stateMachineArn('simple'),
      name: randomUUID(),
    });

    const body = (await response.json()) as { startDate: unknown };
    expect(response.status).toBe(200);
    expect(typeof body.startDate).toBe('number');
    expect(body.startDate).toBeGreaterThanOrEqual(Math.floor(before));
    expect(body.startDate).toBeLessThan(before + 60);
  });

  it('answers a body that breaks a request constraint with ValidationException', async () => {
    const response = await post(stack.server.url, 'AWSStepFunctions.ListExecutions', {
      stateMachineArn: stateMachineArn('simple'),
      maxResults: 5000,
    });

    expect(response.status).toBe(400);
    expect(response.headers.get('x-amzn-errortype')).toBe('ValidationException');
  });
});

describe('embedded Step Functions: server lifecycle', () => {
  it('refuses to start when a Task state has no handler', async () => {
    await expect(
      startStepFunctionsServer({
        port: 0,
        region: REGION,
        accountId: ACCOUNT_ID,
        stateMachines: [simpleMachine({})],
      }),
    ).rejects.toThrow(/Task states without a handler: \[Work\]/);
  });

  it('refuses to start with an invalid definition', async () => {
    await expect(
      startStepFunctionsServer({
        port: 0,
        region: REGION,
        accountId: ACCOUNT_ID,
        stateMachines: [
          { name: 'broken', definition: { StartAt: 'Nowhere', States: {} }, taskHandlers: {} },
        ],
      }),
    ).rejects.toThrow(/invalid/i);
  });

  it('closes while a handler never answers, without running the Catch path', async () => {
    const handlerStarted = deferred<void>();
    const compensated: unknown[] = [];
    const stack = await startTestStack([
      {
        name: 'stuck',
        definition: {
          StartAt: 'Hang',
          States: {
            Hang: {
              Type: 'Task',
              Resource: LAMBDA_ARN,
              Retry: [{ ErrorEquals: ['States.ALL'], IntervalSeconds: 1, MaxAttempts: 3 }],
              Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Compensate' }],
              End: true,
            },
            Compensate: { Type: 'Task', Resource: LAMBDA_ARN, End: true },
          },
        },
        taskHandlers: {
          Hang: () => {
            handlerStarted.resolve();
            return new Promise<never>(() => undefined);
          },
          Compensate: asyncHandler((input) => {
            compensated.push(input);
            return null;
          }),
        },
      },
    ]);
    const response = await post(stack.server.url, 'AWSStepFunctions.StartExecution', {
      stateMachineArn: stateMachineArn('stuck'),
    });
    expect(response.status).toBe(200);
    await handlerStarted.promise;

    await stack.close();

    expect(compensated).toEqual([]);
  });
});
