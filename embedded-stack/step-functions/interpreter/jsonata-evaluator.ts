/**
 * JSONata mode's data handling: any string `{% expr %}` at any depth of Arguments,
 * Output, Assign, Items, Condition... is evaluated with the reserved `$states`
 * (input, result, errorOutput, context) and the workflow variables bound; an
 * expression that fails or gives no value (JSON has no `undefined`) is
 * States.QueryEvaluationError. Step Functions implements JSONata 2.0.6, the
 * version pinned here.
 * https://docs.aws.amazon.com/step-functions/latest/dg/transforming-data.html
 */
import jsonata from 'jsonata';
import { StatesError } from './errors';
import { STEP_FUNCTIONS_JSONATA_FUNCTIONS } from './jsonata-functions';
import type { VariableScope } from './variables';

export interface StatesBinding {
  input: unknown;
  context: unknown;
  result?: unknown;
  errorOutput?: unknown;
}

export interface JsonataData {
  states: StatesBinding;
  variables: VariableScope;
}

const EXPRESSION = /^\{%([\s\S]*)%\}$/;

const compiled = new Map<string, jsonata.Expression>();

const compile = (source: string): jsonata.Expression => {
  const cached = compiled.get(source);
  if (cached) return cached;
  try {
    const expression = jsonata(source);
    compiled.set(source, expression);
    return expression;
  } catch (error) {
    throw new StatesError(
      'States.QueryEvaluationError',
      `Invalid JSONata expression '${source}': ${describe(error)}`,
    );
  }
};

const describe = (error: unknown): string =>
  error instanceof Error ? error.message : JSON.stringify(error);

export const isExpression = (value: unknown): value is string =>
  typeof value === 'string' && EXPRESSION.test(value);

export const evaluateExpression = async (text: string, data: JsonataData): Promise<unknown> => {
  const source = EXPRESSION.exec(text)?.[1] ?? text;
  const bindings = {
    ...data.variables.all(),
    ...STEP_FUNCTIONS_JSONATA_FUNCTIONS,
    states: data.states,
  };
  let value: unknown;
  try {
    value = (await compile(source).evaluate(undefined, bindings)) as unknown;
  } catch (error) {
    if (error instanceof StatesError) throw error;
    throw new StatesError(
      'States.QueryEvaluationError',
      `An error occurred while evaluating the expression '${source.trim()}': ${describe(error)}`,
    );
  }
  if (value === undefined) {
    throw new StatesError(
      'States.QueryEvaluationError',
      `The JSONata expression '${source.trim()}' returned nothing (undefined)`,
    );
  }
  // JSONata marks its result arrays with extra properties: hand back plain JSON.
  return JSON.parse(JSON.stringify(value)) as unknown;
};

/** Evaluates every `{% %}` string inside a template, at any depth. */
export const evaluateTemplate = async (template: unknown, data: JsonataData): Promise<unknown> => {
  if (isExpression(template)) return evaluateExpression(template, data);
  if (Array.isArray(template)) {
    const items: unknown[] = [];
    for (const item of template) items.push(await evaluateTemplate(item, data));
    return items;
  }
  if (typeof template !== 'object' || template === null) return template;
  const resolved: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(template))
    resolved[key] = await evaluateTemplate(value, data);
  return resolved;
};
