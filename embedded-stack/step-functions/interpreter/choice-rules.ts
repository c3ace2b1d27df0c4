/**
 * JSONPath Choice rules: a Variable and one comparison operator (with a `Path`
 * form that compares with another path), or And/Or/Not of rules. A rule over a
 * Variable that is absent is false (IsPresent aside), as on AWS.
 * https://docs.aws.amazon.com/step-functions/latest/dg/state-choice.html
 */
import { StatesError } from './errors';
import { evaluatePath, type PathData } from './json-path-evaluator';
import type { JsonObject } from './types';

type Compare = (value: unknown, operand: unknown) => boolean;

const isTimestamp = (value: unknown): value is string =>
  typeof value === 'string' &&
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(value);

const typed =
  (check: (value: unknown) => boolean, compare: (a: never, b: never) => boolean): Compare =>
  (value, operand) =>
    check(value) && check(operand) && compare(value as never, operand as never);

const isString = (v: unknown): boolean => typeof v === 'string';
const isNumber = (v: unknown): boolean => typeof v === 'number';
const time = (v: string): number => Date.parse(v);

/** `StringMatches`: `*` is any run of characters, `\*` and `\\` escape. */
const matches = (value: string, pattern: string): boolean => {
  const source = pattern
    .split(/(\\\\|\\\*|\*)/)
    .map((part) =>
      part === '*'
        ? '.*'
        : part === '\\*'
          ? '\\*'
          : part === '\\\\'
            ? '\\\\'
            : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
    )
    .join('');
  return new RegExp(`^${source}$`, 's').test(value);
};

const COMPARATORS: Record<string, Compare> = {
  StringEquals: typed(isString, (a: string, b: string) => a === b),
  StringLessThan: typed(isString, (a: string, b: string) => a < b),
  StringGreaterThan: typed(isString, (a: string, b: string) => a > b),
  StringLessThanEquals: typed(isString, (a: string, b: string) => a <= b),
  StringGreaterThanEquals: typed(isString, (a: string, b: string) => a >= b),
  StringMatches: typed(isString, (a: string, b: string) => matches(a, b)),
  NumericEquals: typed(isNumber, (a: number, b: number) => a === b),
  NumericLessThan: typed(isNumber, (a: number, b: number) => a < b),
  NumericGreaterThan: typed(isNumber, (a: number, b: number) => a > b),
  NumericLessThanEquals: typed(isNumber, (a: number, b: number) => a <= b),
  NumericGreaterThanEquals: typed(isNumber, (a: number, b: number) => a >= b),
  BooleanEquals: typed(
    (v) => typeof v === 'boolean',
    (a: boolean, b: boolean) => a === b,
  ),
  TimestampEquals: typed(isTimestamp, (a: string, b: string) => time(a) === time(b)),
  TimestampLessThan: typed(isTimestamp, (a: string, b: string) => time(a) < time(b)),
  TimestampGreaterThan: typed(isTimestamp, (a: string, b: string) => time(a) > time(b)),
  TimestampLessThanEquals: typed(isTimestamp, (a: string, b: string) => time(a) <= time(b)),
  TimestampGreaterThanEquals: typed(isTimestamp, (a: string, b: string) => time(a) >= time(b)),
};

const TYPE_TESTS: Record<string, (value: unknown) => boolean> = {
  IsNull: (v) => v === null,
  IsNumeric: (v) => typeof v === 'number',
  IsString: (v) => typeof v === 'string',
  IsBoolean: (v) => typeof v === 'boolean',
  IsTimestamp: isTimestamp,
};

const read = (path: string, data: PathData): { present: boolean; value?: unknown } => {
  try {
    return { present: true, value: evaluatePath(path, data) };
  } catch (error) {
    if (error instanceof StatesError && error.error === 'States.Runtime') return { present: false };
    throw error;
  }
};

export const ruleMatches = (rule: JsonObject, data: PathData): boolean => {
  if (Array.isArray(rule.And)) return (rule.And as JsonObject[]).every((r) => ruleMatches(r, data));
  if (Array.isArray(rule.Or)) return (rule.Or as JsonObject[]).some((r) => ruleMatches(r, data));
  if (typeof rule.Not === 'object' && rule.Not !== null)
    return !ruleMatches(rule.Not as JsonObject, data);
  if (typeof rule.Variable !== 'string')
    throw new StatesError('States.Runtime', 'A Choice rule needs a Variable');
  const variable = read(rule.Variable, data);
  for (const [key, operand] of Object.entries(rule)) {
    if (key === 'IsPresent') return variable.present === operand;
    const typeTest = TYPE_TESTS[key];
    if (typeTest) return variable.present && typeTest(variable.value) === operand;
    const byPath = key.endsWith('Path') && COMPARATORS[key.slice(0, -4)];
    if (byPath) {
      const other = read(String(operand), data);
      return variable.present && other.present && byPath(variable.value, other.value);
    }
    const compare = COMPARATORS[key];
    if (compare) return variable.present && compare(variable.value, operand);
  }
  throw new StatesError(
    'States.Runtime',
    `A Choice rule has no comparison operator: ${JSON.stringify(rule)}`,
  );
};
