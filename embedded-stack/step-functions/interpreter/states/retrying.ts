/**
 * Runs the work of a Task, Parallel or Map state under its Retry policy. Each
 * attempt re-evaluates the state's input (Parameters/Arguments), so
 * `$$.State.RetryCount` reads the attempt in progress.
 * https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html
 */
import { abortReason, isTerminal, toStatesError } from '../errors';
import { RetryCounter } from '../retry-policy';
import { contextObject, type RunContext } from '../run-context';
import type { StateData } from '../data-flow';
import type { StateDefinition } from '../types';

export const runWithRetry = async <T>(
  name: string,
  state: StateDefinition,
  input: unknown,
  enteredTime: Date,
  context: RunContext,
  attempt: (data: StateData) => Promise<T>,
): Promise<T> => {
  const counter = new RetryCounter(state.Retry ?? [], context.random);
  for (;;) {
    const data: StateData = {
      state,
      input,
      context: contextObject(context, name, enteredTime, counter.retryCount),
      variables: context.variables,
    };
    try {
      return await attempt(data);
    } catch (thrown) {
      if (context.signal.aborted) throw abortReason(context.signal);
      const error = toStatesError(thrown);
      if (isTerminal(error)) throw error;
      const decision = counter.decide(error.error);
      if (!decision.retry) throw error;
      await context.clock.sleep(decision.delaySeconds, context.signal);
    }
  }
};
