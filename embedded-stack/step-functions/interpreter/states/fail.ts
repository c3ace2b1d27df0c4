/**
 * A Fail state ends its line of states with Error and Cause (or ErrorPath and
 * CausePath; in JSONata, expressions).
 * https://docs.aws.amazon.com/step-functions/latest/dg/state-fail.html
 */
import { StatesError } from '../errors';
import { evaluatePath } from '../json-path-evaluator';
import type { DataFlow, StateData } from '../data-flow';

export const failWith = async (data: StateData, flow: DataFlow): Promise<StatesError> => {
  const { state } = data;
  const pathData = { input: data.input, context: data.context, variables: data.variables };
  const error =
    state.ErrorPath !== undefined
      ? evaluatePath(state.ErrorPath, pathData)
      : await flow.evaluate(data, state.Error);
  const cause =
    state.CausePath !== undefined
      ? evaluatePath(state.CausePath, pathData)
      : await flow.evaluate(data, state.Cause);
  return new StatesError(
    typeof error === 'string' ? error : '',
    typeof cause === 'string' ? cause : '',
  );
};
