/**
 * The state loop of one line of states (the machine, a Parallel branch, a Map
 * iteration): enter, run, catch, assign, exit, move on. A state's Assign takes
 * effect when it exits; a caught error runs the Catcher's Assign and Output
 * instead of the state's. An error no Catcher takes leaves the loop.
 * https://docs.aws.amazon.com/step-functions/latest/dg/concepts-states.html
 * https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html#error-handling-fallback-states
 */
import { dataFlowFor, type DataFlow, type Outcome, type StateData } from './data-flow';
import {
  abortReason,
  errorMatches,
  isTerminal,
  StatesError,
  toStatesError,
  type ErrorOutput,
} from './errors';
import { jsonText } from './history';
import { contextObject, type RunContext } from './run-context';
import { runChoice } from './states/choice';
import { failWith } from './states/fail';
import { runMap } from './states/map';
import { runParallel } from './states/parallel';
import { runWithRetry } from './states/retrying';
import { invokeTask } from './states/task';
import { runWait } from './states/wait';
import type { StateDefinition, StateMachineDefinition } from './types';

const NOT_TRUNCATED = { truncated: false };

interface Step extends Outcome {
  /** undefined: the line of states ends here with `output`. */
  next: string | undefined;
}

const following = (state: StateDefinition): string | undefined =>
  state.End === true ? undefined : state.Next;

const withCatch = async (
  name: string,
  state: StateDefinition,
  input: unknown,
  enteredTime: Date,
  context: RunContext,
  flow: DataFlow,
  work: () => Promise<Outcome>,
): Promise<Step> => {
  try {
    return { ...(await work()), next: following(state) };
  } catch (thrown) {
    if (context.signal.aborted) throw abortReason(context.signal);
    const error = toStatesError(thrown);
    const catcher = isTerminal(error)
      ? undefined
      : state.Catch?.find((c) => errorMatches(c.ErrorEquals, error.error));
    if (catcher === undefined) throw error;
    const errorOutput: ErrorOutput = { Error: error.error, Cause: error.cause };
    const data: StateData = {
      state,
      input,
      context: contextObject(context, name, enteredTime, 0),
      variables: context.variables,
    };
    return { ...(await flow.afterCatch(data, catcher, errorOutput)), next: catcher.Next };
  }
};

const runState = async (
  name: string,
  state: StateDefinition,
  input: unknown,
  context: RunContext,
): Promise<Step> => {
  const enteredTime = context.clock.now();
  const flow = dataFlowFor(state.QueryLanguage ?? context.queryLanguage);
  const stateContext: RunContext = {
    ...context,
    queryLanguage: state.QueryLanguage ?? context.queryLanguage,
  };
  const data: StateData = {
    state,
    input,
    context: contextObject(context, name, enteredTime, 0),
    variables: context.variables,
  };
  const guarded = (attempt: (attemptData: StateData) => Promise<unknown>): Promise<Step> =>
    withCatch(name, state, input, enteredTime, stateContext, flow, () =>
      runWithRetry(name, state, input, enteredTime, stateContext, async (attemptData) =>
        flow.afterResult(attemptData, await attempt(attemptData)),
      ),
    );

  switch (state.Type) {
    case 'Task':
      return guarded(async (attemptData) =>
        invokeTask(name, state, await flow.effectiveInput(attemptData), stateContext),
      );
    case 'Parallel':
      return guarded(async (attemptData) =>
        runParallel(state, await flow.effectiveInput(attemptData), stateContext),
      );
    case 'Map':
      return guarded((attemptData) => runMap(attemptData, stateContext));
    case 'Pass':
      return { ...(await flow.withoutResult(data, state.Assign)), next: following(state) };
    case 'Wait':
      await runWait(data, flow, stateContext);
      return { ...(await flow.withoutResult(data, state.Assign)), next: following(state) };
    case 'Choice':
      return runChoice(data, flow, stateContext.queryLanguage === 'JSONata');
    case 'Succeed':
      return { ...(await flow.withoutResult(data, undefined)), next: undefined };
    case 'Fail':
      throw await failWith(data, flow);
  }
};

export const runMachine = async (
  machine: StateMachineDefinition,
  input: unknown,
  context: RunContext,
  startAt: string = machine.StartAt,
): Promise<unknown> => {
  const queryLanguage = machine.QueryLanguage ?? context.queryLanguage;
  const lineContext: RunContext = { ...context, queryLanguage };
  let name = startAt;
  let stateInput = input;
  for (;;) {
    const state = machine.States[name];
    if (state === undefined) throw new StatesError('States.Runtime', `No state named '${name}'`);
    context.onStateEntered?.(name, stateInput);
    context.trail.add(`${state.Type}StateEntered`, 'stateEnteredEventDetails', {
      name,
      input: jsonText(stateInput),
      inputDetails: NOT_TRUNCATED,
    });
    const step = await runState(name, state, stateInput, lineContext);
    if (step.assign) context.variables.assign(step.assign);
    context.trail.add(`${state.Type}StateExited`, 'stateExitedEventDetails', {
      name,
      output: jsonText(step.output),
      outputDetails: NOT_TRUNCATED,
      ...(step.assign
        ? {
            assignedVariables: Object.fromEntries(
              Object.entries(step.assign).map(([k, v]) => [k, jsonText(v)]),
            ),
          }
        : {}),
    });
    if (step.next === undefined) return step.output;
    name = step.next;
    stateInput = step.output;
  }
};
