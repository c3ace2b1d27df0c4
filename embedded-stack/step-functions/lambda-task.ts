import { types } from 'node:util';
import type { Execution } from './execution';
import { parseJson, toJsonText } from './json';
import type { JsonValue, TaskHandlerOverrides } from './library-types';
import type { RegisteredStateMachine } from './state-machine-registry';

interface LambdaErrorPayload {
  errorType: string;
  errorMessage: string;
  trace: string[];
}

// What the Node.js Lambda runtime reports for an error a handler throws.
const toLambdaErrorPayload = (error: unknown): LambdaErrorPayload => {
  const isError =
    types.isNativeError(error) ||
    (typeof error === 'object' &&
      error !== null &&
      typeof Reflect.get(error, 'name') === 'string' &&
      typeof Reflect.get(error, 'message') === 'string');
  if (isError) {
    const stack: unknown = Reflect.get(error, 'stack');
    return {
      errorType: String(Reflect.get(error, 'name')),
      errorMessage: String(Reflect.get(error, 'message')),
      trace: typeof stack === 'string' ? stack.split('\n') : [],
    };
  }
  return { errorType: typeof error, errorMessage: String(error), trace: [] };
};

/**
 * A Lambda error as the state machine sees it: Retry and Catch match `name`
 * (the errorType), and the library's Catch output takes `message` as the Cause,
 * which on AWS is the JSON of the Lambda error payload.
 */
class LambdaFunctionError extends Error {
  constructor(errorType: string, cause: string) {
    super(cause);
    this.name = errorType;
  }
}

/**
 * Ends a task whose execution was stopped. The library reads `isRetryable` and
 * `isCatchable` off errors: neither Retry nor Catch may turn a stop into more work.
 */
class ExecutionStoppedError extends Error {
  readonly isRetryable = false;
  readonly isCatchable = false;

  constructor() {
    super('The execution was stopped');
    this.name = 'States.Runtime';
  }
}

const unlessStopped = async <T>(work: () => Promise<T>, signal: AbortSignal): Promise<T> => {
  if (signal.aborted) throw new ExecutionStoppedError();
  let onStop = (): void => undefined;
  const stopped = new Promise<never>((_, reject) => {
    onStop = () => reject(new ExecutionStoppedError());
    signal.addEventListener('abort', onStop, { once: true });
  });
  try {
    return await Promise.race([work(), stopped]);
  } finally {
    signal.removeEventListener('abort', onStop);
  }
};

/**
 * Each Task state's handler wrapped as a Lambda invoke: input and output cross
 * as JSON text (deep copies, like a real payload), errors come back as Lambda
 * reports them, and every attempt writes its Lambda events to the history.
 */
export const lambdaTaskHandlers = (
  machine: RegisteredStateMachine,
  execution: Execution,
): TaskHandlerOverrides => {
  const wrapped: TaskHandlerOverrides = {};
  for (const [stateName, handler] of Object.entries(machine.taskHandlers)) {
    const resource = machine.taskResources.get(stateName) ?? stateName;
    wrapped[stateName] = (input: JsonValue): Promise<JsonValue> =>
      unlessStopped(async () => {
        const payload = toJsonText(input);
        const attempt = execution.lambdaAttempts.start(stateName, resource, payload);
        try {
          const output = toJsonText(await handler(parseJson(payload)));
          attempt.succeeded(output);
          return parseJson(output);
        } catch (error) {
          const lambdaError = toLambdaErrorPayload(error);
          const cause = JSON.stringify(lambdaError);
          attempt.failed(lambdaError.errorType, cause);
          throw new LambdaFunctionError(lambdaError.errorType, cause);
        }
      }, execution.workSignal);
  }
  return wrapped;
};
