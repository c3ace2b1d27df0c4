import { StartExecutionCommand } from '@aws-sdk/client-sfn';
import { randomUUID } from 'node:crypto';
import { scaledClock } from '../../../../embedded-stack/step-functions/interpreter';
import type { LocalStateMachine } from '../../../../embedded-stack/step-functions/types';
import {
  historyOf,
  LAMBDA_ARN,
  startTestStack,
  stateMachineArn,
  type TestStack,
  TransientFault,
  waitForEnd,
} from './sfn-test-kit';

// SHOP_SFN_TIME_SCALE (embedded-stack/settings.ts): the endpoint scales Retry and Wait intervals,
// never TimeoutSeconds. At scale 1 the intervals are the state machine's own.

const attempts = new Map<string, number>();

/** Fails its first attempt with a retried error, then waits 1 s, then a Task with a 1 s timeout. */
const machine: LocalStateMachine = {
  name: 'backoff',
  definition: {
    StartAt: 'Flaky',
    States: {
      Flaky: {
        Type: 'Task',
        Resource: LAMBDA_ARN,
        ResultPath: null,
        Retry: [
          { ErrorEquals: ['TransientFault'], IntervalSeconds: 1, MaxAttempts: 1, BackoffRate: 1 },
        ],
        Next: 'Pause',
      },
      Pause: { Type: 'Wait', Seconds: 1, Next: 'Slow' },
      Slow: { Type: 'Task', Resource: LAMBDA_ARN, TimeoutSeconds: 1, ResultPath: null, End: true },
    },
  },
  taskHandlers: {
    Flaky: (input) => {
      const { id } = input as { id: string };
      const attempt = attempts.get(id) ?? 0;
      attempts.set(id, attempt + 1);
      return attempt === 0 ? Promise.reject(new TransientFault('busy')) : Promise.resolve({});
    },
    // 50 ms: far inside its real 1 s timeout, far beyond a timeout scaled by 0.01 (10 ms).
    Slow: () => new Promise((resolve) => setTimeout(() => resolve({}), 50)),
  },
};

const runOnce = async (stack: TestStack) => {
  const { executionArn = '' } = await stack.client.send(
    new StartExecutionCommand({
      stateMachineArn: stateMachineArn('backoff'),
      input: JSON.stringify({ id: randomUUID() }),
    }),
  );
  const { status } = await waitForEnd(stack.client, executionArn, 10_000);
  const events = await historyOf(stack.client, executionArn);
  const at = (type: string, nth = 0): number =>
    events.filter((event) => event.type === type)[nth]?.timestamp?.getTime() ?? Number.NaN;
  return {
    status,
    retryWaitMs: at('LambdaFunctionScheduled', 1) - at('LambdaFunctionFailed'),
    waitStateMs: at('WaitStateExited') - at('WaitStateEntered'),
  };
};

describe('the Step Functions endpoint at real time (time scale 1)', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack([machine]);
  });
  afterAll(() => stack.close());

  it('waits out the Retry interval and the Wait state in full', async () => {
    const run = await runOnce(stack);

    expect(run.status).toBe('SUCCEEDED');
    expect(run.retryWaitMs).toBeGreaterThanOrEqual(1000);
    expect(run.waitStateMs).toBeGreaterThanOrEqual(1000);
  });
});

describe('the Step Functions endpoint at time scale 0.01', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack([machine], 0.01);
  });
  afterAll(() => stack.close());

  it('keeps TimeoutSeconds real: a 50 ms task under a 1 s timeout succeeds', async () => {
    expect((await runOnce(stack)).status).toBe('SUCCEEDED');
  });
});

describe('scaledClock', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  const sleptAfter = async (sleep: Promise<void>, ms: number): Promise<boolean> => {
    let done = false;
    void sleep.then(() => (done = true));
    await jest.advanceTimersByTimeAsync(ms);
    return done;
  };

  it('scales intervals by the time scale and timeouts by their own scale', async () => {
    const clock = scaledClock(0.01, 1);
    const signal = new AbortController().signal;

    expect(await sleptAfter(clock.sleep(4, signal), 39)).toBe(false);
    expect(await sleptAfter(clock.sleep(4, signal), 40)).toBe(true);
    expect(await sleptAfter(clock.sleep(4, signal, 'timeout'), 3999)).toBe(false);
    expect(await sleptAfter(clock.sleep(4, signal, 'timeout'), 4000)).toBe(true);
  });
});
