/**
 * The JSONPath intrinsic functions, each checked for its argument types as the
 * developer guide lists them; a wrong argument is States.IntrinsicFailure.
 * https://docs.aws.amazon.com/step-functions/latest/dg/intrinsic-functions.html
 */
import { createHash, randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { StatesError } from './errors';

type IntrinsicFunction = (args: unknown[]) => unknown;

const failure = (name: string, why: string): StatesError =>
  new StatesError('States.IntrinsicFailure', `${name}: ${why}`);

const arity = (name: string, args: unknown[], min: number, max = min): void => {
  if (args.length < min || args.length > max) {
    throw failure(
      name,
      `expects ${min === max ? min : `${min} to ${max}`} arguments, got ${args.length}`,
    );
  }
};

const asArray = (name: string, value: unknown): unknown[] => {
  if (!Array.isArray(value)) throw failure(name, `expects an array, got ${JSON.stringify(value)}`);
  return value;
};

const asString = (name: string, value: unknown): string => {
  if (typeof value !== 'string')
    throw failure(name, `expects a string, got ${JSON.stringify(value)}`);
  return value;
};

const asInteger = (name: string, value: unknown): number => {
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw failure(name, `expects an integer, got ${JSON.stringify(value)}`);
  }
  return value;
};

const asNumber = (name: string, value: unknown): number => {
  if (typeof value !== 'number')
    throw failure(name, `expects a number, got ${JSON.stringify(value)}`);
  return value;
};

const format = (args: unknown[]): string => {
  const template = asString('States.Format', args[0]);
  const values = args.slice(1);
  let next = 0;
  const text = template.replace(/\\\{|\\\}|\{\}/g, (token) => {
    if (token !== '{}') return token.slice(1);
    if (next >= values.length) throw failure('States.Format', 'more {} than arguments');
    const value = values[next];
    next += 1;
    if (typeof value === 'object' && value !== null) {
      throw failure('States.Format', 'arguments must be strings, numbers, booleans or null');
    }
    return String(value);
  });
  if (next !== values.length) throw failure('States.Format', 'more arguments than {}');
  return text;
};

const HASH_ALGORITHMS: Record<string, string> = {
  MD5: 'md5',
  'SHA-1': 'sha1',
  'SHA-256': 'sha256',
  'SHA-384': 'sha384',
  'SHA-512': 'sha512',
};

const FUNCTIONS: Record<string, IntrinsicFunction> = {
  'States.Format': format,
  'States.StringToJson': (args) => {
    arity('States.StringToJson', args, 1);
    try {
      return JSON.parse(asString('States.StringToJson', args[0])) as unknown;
    } catch (error) {
      if (error instanceof StatesError) throw error;
      throw failure('States.StringToJson', 'not JSON text');
    }
  },
  'States.JsonToString': (args) => {
    arity('States.JsonToString', args, 1);
    return JSON.stringify(args[0]);
  },
  'States.Array': (args) => args,
  'States.ArrayPartition': (args) => {
    arity('States.ArrayPartition', args, 2);
    const array = asArray('States.ArrayPartition', args[0]);
    const size = asInteger('States.ArrayPartition', args[1]);
    if (size <= 0) throw failure('States.ArrayPartition', 'the chunk size must be positive');
    const chunks: unknown[][] = [];
    for (let start = 0; start < array.length; start += size)
      chunks.push(array.slice(start, start + size));
    return chunks;
  },
  'States.ArrayContains': (args) => {
    arity('States.ArrayContains', args, 2);
    return asArray('States.ArrayContains', args[0]).some((item) =>
      isDeepStrictEqual(item, args[1]),
    );
  },
  'States.ArrayRange': (args) => {
    arity('States.ArrayRange', args, 3);
    const [start, end, stepBy] = args.map((arg) => asInteger('States.ArrayRange', arg)) as [
      number,
      number,
      number,
    ];
    if (stepBy === 0) throw failure('States.ArrayRange', 'the step must not be 0');
    const range: number[] = [];
    for (let value = start; stepBy > 0 ? value <= end : value >= end; value += stepBy)
      range.push(value);
    if (range.length > 1000) throw failure('States.ArrayRange', 'at most 1000 items');
    return range;
  },
  'States.ArrayGetItem': (args) => {
    arity('States.ArrayGetItem', args, 2);
    const array = asArray('States.ArrayGetItem', args[0]);
    const index = asInteger('States.ArrayGetItem', args[1]);
    if (index < 0 || index >= array.length)
      throw failure('States.ArrayGetItem', `index ${index} out of bounds`);
    return array[index];
  },
  'States.ArrayLength': (args) => {
    arity('States.ArrayLength', args, 1);
    return asArray('States.ArrayLength', args[0]).length;
  },
  'States.ArrayUnique': (args) => {
    arity('States.ArrayUnique', args, 1);
    const unique: unknown[] = [];
    for (const item of asArray('States.ArrayUnique', args[0])) {
      if (!unique.some((seen) => isDeepStrictEqual(seen, item))) unique.push(item);
    }
    return unique;
  },
  'States.Base64Encode': (args) => {
    arity('States.Base64Encode', args, 1);
    return Buffer.from(asString('States.Base64Encode', args[0]), 'utf8').toString('base64');
  },
  'States.Base64Decode': (args) => {
    arity('States.Base64Decode', args, 1);
    return Buffer.from(asString('States.Base64Decode', args[0]), 'base64').toString('utf8');
  },
  'States.Hash': (args) => {
    arity('States.Hash', args, 2);
    const algorithm = HASH_ALGORITHMS[asString('States.Hash', args[1])];
    if (algorithm === undefined)
      throw failure('States.Hash', `unknown algorithm ${String(args[1])}`);
    const data = typeof args[0] === 'string' ? args[0] : JSON.stringify(args[0]);
    return createHash(algorithm).update(data).digest('hex');
  },
  'States.JsonMerge': (args) => {
    arity('States.JsonMerge', args, 3);
    const [left, right, deep] = args;
    if (deep !== false)
      throw failure('States.JsonMerge', 'only a shallow merge (false) is supported');
    const isObject = (v: unknown): v is Record<string, unknown> =>
      typeof v === 'object' && v !== null && !Array.isArray(v);
    if (!isObject(left) || !isObject(right))
      throw failure('States.JsonMerge', 'expects two objects');
    return { ...left, ...right };
  },
  'States.MathRandom': (args) => {
    arity('States.MathRandom', args, 2, 3);
    const start = asInteger('States.MathRandom', args[0]);
    const end = asInteger('States.MathRandom', args[1]);
    return start + Math.floor(Math.random() * (end - start));
  },
  'States.MathAdd': (args) => {
    arity('States.MathAdd', args, 2);
    return asNumber('States.MathAdd', args[0]) + asNumber('States.MathAdd', args[1]);
  },
  'States.StringSplit': (args) => {
    arity('States.StringSplit', args, 2);
    const text = asString('States.StringSplit', args[0]);
    const delimiters = [...asString('States.StringSplit', args[1])];
    const parts: string[] = [];
    let current = '';
    for (const char of text) {
      if (delimiters.includes(char)) {
        parts.push(current);
        current = '';
      } else current += char;
    }
    parts.push(current);
    return parts.filter((part) => part !== '');
  },
  'States.UUID': (args) => {
    arity('States.UUID', args, 0);
    return randomUUID();
  },
};

export const callIntrinsic = (name: string, args: unknown[]): unknown => {
  const fn = FUNCTIONS[name];
  if (fn === undefined)
    throw new StatesError('States.IntrinsicFailure', `Unknown intrinsic function ${name}`);
  return fn(args);
};
