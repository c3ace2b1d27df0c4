/**
 * An inline Map state's one attempt. JSONPath: the items are at ItemsPath (default
 * `$`) of the input after InputPath, each shaped by ItemSelector (or the older
 * Parameters) with `$$.Map.Item`; JSONata: the items are `Items` (default the
 * input), each shaped by ItemSelector with `$states.context.Map.Item`.
 * https://docs.aws.amazon.com/step-functions/latest/dg/state-map-inline.html
 * https://docs.aws.amazon.com/step-functions/latest/dg/input-output-itemselector.html
 */
import { StatesError } from '../errors';
import { applyInputPath, evaluatePath, resolveTemplate } from '../json-path-evaluator';
import { evaluateTemplate } from '../jsonata-evaluator';
import type { StateData } from '../data-flow';
import type { RunContext } from '../run-context';
import { runBranches } from './branches';

const withItem = (context: unknown, index: number, value: unknown): Record<string, unknown> => ({
  ...(context as Record<string, unknown>),
  Map: { Item: { Index: index, Value: value } },
});

export const runMap = async (data: StateData, context: RunContext): Promise<unknown[]> => {
  const { state } = data;
  const processor = state.ItemProcessor ?? state.Iterator;
  if (processor === undefined)
    throw new StatesError('States.Runtime', 'A Map state needs an ItemProcessor');
  const jsonata = context.queryLanguage === 'JSONata';
  const bindings = {
    states: { input: data.input, context: data.context },
    variables: data.variables,
  };
  const pathInput = jsonata
    ? data.input
    : applyInputPath(state.InputPath, { ...data, input: data.input });
  const items = jsonata
    ? state.Items === undefined
      ? data.input
      : await evaluateTemplate(state.Items, bindings)
    : evaluatePath(state.ItemsPath ?? '$', { ...data, input: pathInput });
  if (!Array.isArray(items)) {
    throw new StatesError(
      'States.Runtime',
      `The Map state's items are not an array: ${JSON.stringify(items)}`,
    );
  }
  const selector = state.ItemSelector ?? (jsonata ? undefined : state.Parameters);
  const itemInput = async (index: number): Promise<unknown> => {
    const value: unknown = items[index];
    if (selector === undefined) return value;
    const itemContext = withItem(data.context, index, value);
    return jsonata
      ? await evaluateTemplate(selector, {
          ...bindings,
          states: { ...bindings.states, context: itemContext },
        })
      : resolveTemplate(selector, {
          input: pathInput,
          context: itemContext,
          variables: data.variables,
        });
  };

  const { Name: name } = (data.context as { State: { Name: string } }).State;
  const iteration = (index: number): Record<string, unknown> => ({ name, index });
  context.trail.add('MapStateStarted', 'mapStateStartedEventDetails', { length: items.length });
  try {
    const results = await runBranches(
      items.length,
      state.MaxConcurrency ?? 0,
      context,
      async (index, iterationContext) => {
        const input = await itemInput(index);
        return context.runMachine(processor, input, {
          ...iterationContext,
          mapItem: { Index: index, Value: items[index] },
        });
      },
      {
        started: (index, c) =>
          c.trail.add('MapIterationStarted', 'mapIterationStartedEventDetails', iteration(index)),
        succeeded: (index, c) =>
          c.trail.add(
            'MapIterationSucceeded',
            'mapIterationSucceededEventDetails',
            iteration(index),
          ),
        failed: (index, c) =>
          c.trail.add('MapIterationFailed', 'mapIterationFailedEventDetails', iteration(index)),
      },
    );
    context.trail.add('MapStateSucceeded');
    return results;
  } catch (error) {
    if (!context.signal.aborted) {
      context.trail.follow();
      context.trail.add('MapStateFailed');
    }
    throw error;
  }
};
