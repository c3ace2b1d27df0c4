/**
 * A Task's one attempt: resolve the handler for its Resource, run it under the
 * state's TimeoutSeconds (States.Timeout), and record it as AWS does: a plain
 * Lambda ARN gives LambdaFunction* events, a service integration
 * (`arn:aws:states:::service:action`) Task* events.
 * https://docs.aws.amazon.com/step-functions/latest/dg/state-task.html
 */
import { abortReason, StatesError, toStatesError } from '../errors';
import { jsonText } from '../history';
import type { RunContext } from '../run-context';
import type { StateDefinition } from '../types';

const NOT_TRUNCATED = { truncated: false };

const integration = (resource: string): { resourceType: string; resource: string } | undefined => {
  const match = /^arn:[^:]+:states:::([^:]+):(.+)$/.exec(resource);
  return match?.[1] !== undefined && match[2] !== undefined
    ? { resourceType: match[1], resource: match[2] }
    : undefined;
};

interface TaskEvents {
  scheduled(payload: unknown, timeoutSeconds: number | undefined): void;
  started(): void;
  succeeded(output: unknown): void;
  failed(error: StatesError): void;
}

const taskEvents = (resource: string, context: RunContext): TaskEvents => {
  const { trail } = context;
  const service = integration(resource);
  if (service === undefined) {
    return {
      scheduled: (payload, timeoutSeconds) =>
        trail.add('LambdaFunctionScheduled', 'lambdaFunctionScheduledEventDetails', {
          resource,
          input: jsonText(payload),
          inputDetails: NOT_TRUNCATED,
          ...(timeoutSeconds === undefined ? {} : { timeoutInSeconds: timeoutSeconds }),
        }),
      started: () => trail.add('LambdaFunctionStarted'),
      succeeded: (output) =>
        trail.add('LambdaFunctionSucceeded', 'lambdaFunctionSucceededEventDetails', {
          output: jsonText(output),
          outputDetails: NOT_TRUNCATED,
        }),
      failed: (error) =>
        error.error === 'States.Timeout'
          ? trail.add('LambdaFunctionTimedOut', 'lambdaFunctionTimedOutEventDetails', {
              error: error.error,
              cause: error.cause,
            })
          : trail.add('LambdaFunctionFailed', 'lambdaFunctionFailedEventDetails', {
              error: error.error,
              cause: error.cause,
            }),
    };
  }
  return {
    scheduled: (payload, timeoutSeconds) =>
      trail.add('TaskScheduled', 'taskScheduledEventDetails', {
        ...service,
        region: context.identity.region,
        parameters: jsonText(payload),
        ...(timeoutSeconds === undefined ? {} : { timeoutInSeconds: timeoutSeconds }),
      }),
    started: () => trail.add('TaskStarted', 'taskStartedEventDetails', service),
    succeeded: (output) =>
      trail.add('TaskSucceeded', 'taskSucceededEventDetails', {
        ...service,
        output: jsonText(output),
        outputDetails: NOT_TRUNCATED,
      }),
    failed: (error) =>
      trail.add(
        error.error === 'States.Timeout' ? 'TaskTimedOut' : 'TaskFailed',
        error.error === 'States.Timeout' ? 'taskTimedOutEventDetails' : 'taskFailedEventDetails',
        {
          ...service,
          error: error.error,
          cause: error.cause,
        },
      ),
  };
};

/** Rejects with States.Timeout after `seconds`, unless `signal` ends the wait first. */
const timeoutAfter = async (
  seconds: number,
  context: RunContext,
  signal: AbortSignal,
): Promise<never> => {
  await context.clock.sleep(seconds, signal, 'timeout');
  throw new StatesError('States.Timeout', `The task did not finish within ${seconds} seconds`);
};

/** Rejects when the attempt is aborted: a stopped execution does not wait for its handler. */
const whenAborted = (signal: AbortSignal): Promise<never> =>
  new Promise<never>((_resolve, reject) => {
    signal.addEventListener('abort', () => reject(abortReason(signal)), { once: true });
  });

export const invokeTask = async (
  name: string,
  state: StateDefinition,
  payload: unknown,
  context: RunContext,
): Promise<unknown> => {
  const resource = state.Resource ?? '';
  const handler = context.resolveTask(resource, name);
  if (handler === undefined)
    throw new StatesError(
      'States.Runtime',
      `No handler for the resource '${resource}' of state '${name}'`,
    );
  const events = taskEvents(resource, context);
  events.scheduled(payload, state.TimeoutSeconds);
  events.started();
  const attempt = new AbortController();
  const stop = (): void => attempt.abort(context.signal.reason);
  context.signal.addEventListener('abort', stop, { once: true });
  try {
    const work = handler(structuredClone(payload), {
      stateName: name,
      resource,
      signal: attempt.signal,
    });
    const racers = [work, whenAborted(attempt.signal)];
    if (state.TimeoutSeconds !== undefined) {
      racers.push(timeoutAfter(state.TimeoutSeconds, context, attempt.signal));
    }
    const result = await Promise.race(racers);
    events.succeeded(result);
    return result ?? null;
  } catch (thrown) {
    if (context.signal.aborted) throw abortReason(context.signal);
    const error = toStatesError(thrown);
    events.failed(error);
    throw error;
  } finally {
    context.signal.removeEventListener('abort', stop);
    // Ends the timeout's timer, and tells a handler still running that nobody waits for it.
    attempt.abort(new StatesError('States.Timeout', 'attempt over'));
  }
};
