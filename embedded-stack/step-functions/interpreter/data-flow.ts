/**
 * How data moves through a state, in each query language. JSONPath: InputPath ->
 * Parameters -> (work) -> ResultSelector -> ResultPath -> OutputPath, Assign reading
 * `$` as the (selected) result; JSONata: Arguments -> (work) -> Output and Assign,
 * both reading `$states.input`, `$states.result` and, in a Catcher,
 * `$states.errorOutput`.
 * https://docs.aws.amazon.com/step-functions/latest/dg/concepts-input-output-filtering.html
 * https://docs.aws.amazon.com/step-functions/latest/dg/transforming-data.html
 * https://docs.aws.amazon.com/step-functions/latest/dg/workflow-variables.html
 */
import {
  applyInputPath,
  applyOutputPath,
  applyResultPath,
  resolveTemplate,
  type PathData,
} from './json-path-evaluator';
import { evaluateTemplate, type StatesBinding } from './jsonata-evaluator';
import type { Catcher, QueryLanguage, StateDefinition } from './types';
import type { VariableScope } from './variables';

export interface StateData {
  state: StateDefinition;
  /** The state's raw input. */
  input: unknown;
  /** `$$` / `$states.context` */
  context: unknown;
  variables: VariableScope;
}

export interface Outcome {
  output: unknown;
  assign?: Record<string, unknown>;
}

export interface DataFlow {
  /** The input handed to the work: a Task's payload, each Parallel branch's input, a Map's input. */
  effectiveInput(data: StateData): Promise<unknown>;
  /** Output and assignments of a state that produced a result. */
  afterResult(data: StateData, result: unknown): Promise<Outcome>;
  /** Output and assignments of a state without a result (Pass, Wait, Choice, Succeed). */
  withoutResult(data: StateData, assign: Record<string, unknown> | undefined): Promise<Outcome>;
  afterCatch(data: StateData, catcher: Catcher, errorOutput: unknown): Promise<Outcome>;
  /** Evaluates a value that may hold an expression (JSONata) or a `.$` template (JSONPath). */
  evaluate(data: StateData, value: unknown, extra?: Partial<StatesBinding>): Promise<unknown>;
}

const pathData = (data: StateData, input: unknown): PathData => ({
  input,
  context: data.context,
  variables: data.variables,
});

const jsonPath: DataFlow = {
  effectiveInput: (data) => {
    const afterInputPath = applyInputPath(data.state.InputPath, pathData(data, data.input));
    return Promise.resolve(
      data.state.Parameters === undefined
        ? afterInputPath
        : resolveTemplate(data.state.Parameters, pathData(data, afterInputPath)),
    );
  },
  afterResult: (data, result) => {
    const { state } = data;
    const selected =
      state.ResultSelector === undefined
        ? result
        : resolveTemplate(state.ResultSelector, pathData(data, result));
    const assign =
      state.Assign === undefined
        ? undefined
        : (resolveTemplate(state.Assign, pathData(data, selected)) as Record<string, unknown>);
    const placed = applyResultPath(state.ResultPath, data.input, selected);
    const output = applyOutputPath(state.OutputPath, pathData(data, placed));
    return Promise.resolve({ output, ...(assign ? { assign } : {}) });
  },
  withoutResult: async (data, assignTemplate) => {
    const { state } = data;
    if (state.Type === 'Pass') {
      const effective = await jsonPath.effectiveInput(data);
      const result = 'Result' in state ? state.Result : effective;
      const assign =
        assignTemplate === undefined
          ? undefined
          : (resolveTemplate(assignTemplate, pathData(data, result)) as Record<string, unknown>);
      const placed = applyResultPath(state.ResultPath, data.input, result);
      const output = applyOutputPath(state.OutputPath, pathData(data, placed));
      return { output, ...(assign ? { assign } : {}) };
    }
    const effective = applyInputPath(state.InputPath, pathData(data, data.input));
    const assign =
      assignTemplate === undefined
        ? undefined
        : (resolveTemplate(assignTemplate, pathData(data, effective)) as Record<string, unknown>);
    const output = applyOutputPath(state.OutputPath, pathData(data, effective));
    return { output, ...(assign ? { assign } : {}) };
  },
  afterCatch: (data, catcher, errorOutput) => {
    const assign =
      catcher.Assign === undefined
        ? undefined
        : (resolveTemplate(catcher.Assign, pathData(data, errorOutput)) as Record<string, unknown>);
    const output = applyResultPath(catcher.ResultPath, data.input, errorOutput);
    return Promise.resolve({ output, ...(assign ? { assign } : {}) });
  },
  evaluate: (data, value) => Promise.resolve(resolveTemplate(value, pathData(data, data.input))),
};

const states = (
  data: StateData,
  extra: Partial<StatesBinding> = {},
): { states: StatesBinding; variables: VariableScope } => ({
  states: { input: data.input, context: data.context, ...extra },
  variables: data.variables,
});

const assignOf = async (
  template: Record<string, unknown> | undefined,
  data: StateData,
  extra: Partial<StatesBinding>,
): Promise<Record<string, unknown> | undefined> =>
  template === undefined
    ? undefined
    : ((await evaluateTemplate(template, states(data, extra))) as Record<string, unknown>);

const jsonata: DataFlow = {
  effectiveInput: (data) =>
    data.state.Arguments === undefined
      ? Promise.resolve(data.input)
      : evaluateTemplate(data.state.Arguments, states(data)),
  afterResult: async (data, result) => {
    const assign = await assignOf(data.state.Assign, data, { result });
    const output =
      data.state.Output === undefined
        ? result
        : await evaluateTemplate(data.state.Output, states(data, { result }));
    return { output, ...(assign ? { assign } : {}) };
  },
  withoutResult: async (data, assignTemplate) => {
    const assign = await assignOf(assignTemplate, data, {});
    const output =
      data.state.Output === undefined
        ? data.input
        : await evaluateTemplate(data.state.Output, states(data));
    return { output, ...(assign ? { assign } : {}) };
  },
  afterCatch: async (data, catcher, errorOutput) => {
    const assign = await assignOf(catcher.Assign, data, { errorOutput });
    const output =
      catcher.Output === undefined
        ? errorOutput
        : await evaluateTemplate(catcher.Output, states(data, { errorOutput }));
    return { output, ...(assign ? { assign } : {}) };
  },
  evaluate: (data, value, extra) => evaluateTemplate(value, states(data, extra)),
};

export const dataFlowFor = (language: QueryLanguage): DataFlow =>
  language === 'JSONata' ? jsonata : jsonPath;
