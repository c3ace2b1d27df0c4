/**
 * JSONPath mode's data handling: payload templates (Parameters, ResultSelector,
 * ItemSelector, Assign) whose `.$` keys take a path or an intrinsic call, and the
 * InputPath -> Parameters -> result -> ResultSelector -> ResultPath -> OutputPath chain.
 * https://docs.aws.amazon.com/step-functions/latest/dg/concepts-input-output-filtering.html
 */
import { callIntrinsic } from './intrinsic-functions';
import { isIntrinsic, parseIntrinsic, type IntrinsicArgument } from './intrinsic-parser';
import { parsePath, readPath, writePath } from './json-path';
import type { VariableScope } from './variables';

export interface PathData {
  /** What `$` means here. */
  input: unknown;
  /** What `$$` means. */
  context: unknown;
  variables: VariableScope;
}

export const evaluatePath = (path: string, data: PathData): unknown => {
  const parsed = parsePath(path);
  const root =
    parsed.root === 'context'
      ? data.context
      : parsed.root === 'variable' && parsed.variable !== undefined
        ? data.variables.get(parsed.variable)
        : data.input;
  return readPath(root, parsed, path);
};

const evaluateArgument = (argument: IntrinsicArgument, data: PathData): unknown => {
  switch (argument.kind) {
    case 'literal':
      return argument.value;
    case 'path':
      return evaluatePath(argument.path, data);
    case 'call':
      return callIntrinsic(
        argument.name,
        argument.args.map((arg) => evaluateArgument(arg, data)),
      );
  }
};

/** The value of a `.$` field: an intrinsic call or a path. */
export const evaluateDynamic = (text: string, data: PathData): unknown =>
  isIntrinsic(text)
    ? evaluateArgument(parseIntrinsic(text.trim()), data)
    : evaluatePath(text, data);

/** Resolves every `key.$` of a payload template, at any depth. */
export const resolveTemplate = (template: unknown, data: PathData): unknown => {
  if (Array.isArray(template)) return template.map((item) => resolveTemplate(item, data));
  if (typeof template !== 'object' || template === null) return template;
  const resolved: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(template)) {
    if (key.endsWith('.$') && typeof value === 'string') {
      resolved[key.slice(0, -2)] = evaluateDynamic(value, data);
    } else {
      resolved[key] = resolveTemplate(value, data);
    }
  }
  return resolved;
};

/** InputPath: `null` gives `{}`, absent gives the whole input. */
export const applyInputPath = (inputPath: string | null | undefined, data: PathData): unknown =>
  inputPath === null ? {} : evaluatePath(inputPath ?? '$', data);

/** ResultPath: `null` keeps the input, absent replaces it with the result. */
export const applyResultPath = (
  resultPath: string | null | undefined,
  input: unknown,
  result: unknown,
): unknown => (resultPath === null ? input : writePath(input, resultPath ?? '$', result));

/** OutputPath: `null` gives `{}`, absent gives the whole value. */
export const applyOutputPath = (outputPath: string | null | undefined, data: PathData): unknown =>
  outputPath === null ? {} : evaluatePath(outputPath ?? '$', data);
