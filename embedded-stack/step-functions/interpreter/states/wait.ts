/**
 * A Wait state sleeps for Seconds/SecondsPath or until Timestamp/TimestampPath
 * (JSONata: Seconds or Timestamp may be expressions), through the clock so tests
 * can scale it.
 * https://docs.aws.amazon.com/step-functions/latest/dg/state-wait.html
 */
import { StatesError } from '../errors';
import { evaluatePath } from '../json-path-evaluator';
import type { DataFlow, StateData } from '../data-flow';
import type { RunContext } from '../run-context';

const waitSeconds = async (
  data: StateData,
  flow: DataFlow,
  context: RunContext,
): Promise<number> => {
  const { state } = data;
  const pathData = { input: data.input, context: data.context, variables: data.variables };
  const seconds =
    state.SecondsPath !== undefined
      ? evaluatePath(state.SecondsPath, pathData)
      : await flow.evaluate(data, state.Seconds);
  if (seconds !== undefined) {
    if (typeof seconds !== 'number' || seconds < 0)
      throw new StatesError('States.Runtime', `Invalid Wait seconds: ${JSON.stringify(seconds)}`);
    return seconds;
  }
  const timestamp =
    state.TimestampPath !== undefined
      ? evaluatePath(state.TimestampPath, pathData)
      : await flow.evaluate(data, state.Timestamp);
  const until = typeof timestamp === 'string' ? Date.parse(timestamp) : Number.NaN;
  if (Number.isNaN(until))
    throw new StatesError('States.Runtime', `Invalid Wait timestamp: ${String(timestamp)}`);
  return Math.max(0, (until - context.clock.now().getTime()) / 1000);
};

export const runWait = async (
  data: StateData,
  flow: DataFlow,
  context: RunContext,
): Promise<void> => {
  await context.clock.sleep(await waitSeconds(data, flow, context), context.signal);
};
