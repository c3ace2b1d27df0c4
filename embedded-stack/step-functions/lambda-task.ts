import { types } from 'node:util';
import { StatesError, type TaskHandler } from './interpreter';
import { parseJson, toJsonText } from './json';
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
 * A Task state's handler called as a Lambda invoke: input and output cross as
 * JSON text (deep copies, like a real payload); an error comes back as Lambda
 * reports it, its errorType the name Retry and Catch match and the JSON of the
 * Lambda error payload the Cause, as on AWS. The interpreter records the
 * LambdaFunction* events.
 */
export const lambdaTaskHandler = (
  machine: RegisteredStateMachine,
  stateName: string,
): TaskHandler | undefined => {
  const handler = machine.taskHandlers[stateName];
  if (handler === undefined) return undefined;
  return async (input) => {
    try {
      return parseJson(toJsonText(await handler(parseJson(toJsonText(input)))));
    } catch (error) {
      const lambdaError = toLambdaErrorPayload(error);
      throw new StatesError(lambdaError.errorType, JSON.stringify(lambdaError));
    }
  };
};
