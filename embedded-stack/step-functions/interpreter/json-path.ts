/**
 * The JSONPath subset ASL uses: `$`, `.name`, `['name']`, `[n]`, `[*]`, `[a:b]`,
 * `..name`; reference paths (ResultPath) allow only single-value steps. Paths
 * that begin `$$` read the context object, `$name` a workflow variable.
 * https://docs.aws.amazon.com/step-functions/latest/dg/amazon-states-language-paths.html
 */
import { StatesError } from './errors';

type Segment =
  | { kind: 'field'; name: string }
  | { kind: 'index'; index: number }
  | { kind: 'wildcard' }
  | { kind: 'slice'; start?: number; end?: number }
  | { kind: 'descendant'; name: string };

const SEGMENT =
  /^(?:\.\.([A-Za-z0-9_$-]+)|\.([^.[\]]+)|\['((?:[^'\\]|\\.)*)'\]|\[(-?\d+)\]|\[\*\]|\.\*|\[(-?\d*):(-?\d*)\])/;

const parseSegments = (rest: string, path: string): Segment[] => {
  const segments: Segment[] = [];
  let remaining = rest;
  while (remaining.length > 0) {
    const match = SEGMENT.exec(remaining);
    if (match === null) throw new StatesError('States.Runtime', `Invalid JSONPath: ${path}`);
    const [whole, descendant, field, quoted, index, start, end] = match;
    if (descendant !== undefined) segments.push({ kind: 'descendant', name: descendant });
    else if (field !== undefined) segments.push({ kind: 'field', name: field });
    else if (quoted !== undefined)
      segments.push({ kind: 'field', name: quoted.replace(/\\(.)/g, '$1') });
    else if (index !== undefined) segments.push({ kind: 'index', index: Number(index) });
    else if (start !== undefined || end !== undefined)
      segments.push({
        kind: 'slice',
        ...(start ? { start: Number(start) } : {}),
        ...(end ? { end: Number(end) } : {}),
      });
    else segments.push({ kind: 'wildcard' });
    remaining = remaining.slice(whole.length);
  }
  return segments;
};

export interface ParsedPath {
  root: 'input' | 'context' | 'variable';
  variable?: string;
  segments: Segment[];
  definite: boolean;
}

export const parsePath = (path: string): ParsedPath => {
  const variable = /^\$([A-Za-z_][A-Za-z0-9_]*)/.exec(path);
  let root: ParsedPath['root'] = 'input';
  let rest: string;
  if (path.startsWith('$$')) {
    root = 'context';
    rest = path.slice(2);
  } else if (variable?.[1] !== undefined) {
    root = 'variable';
    rest = path.slice(variable[0].length);
  } else if (path.startsWith('$')) {
    rest = path.slice(1);
  } else {
    throw new StatesError('States.Runtime', `A path must begin with '$': ${path}`);
  }
  const segments = parseSegments(rest, path);
  const definite = segments.every((s) => s.kind === 'field' || s.kind === 'index');
  return { root, ...(variable?.[1] ? { variable: variable[1] } : {}), segments, definite };
};

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const descendants = (value: unknown, name: string, out: unknown[]): void => {
  if (Array.isArray(value)) value.forEach((item) => descendants(item, name, out));
  else if (isObject(value)) {
    if (name in value) out.push(value[name]);
    Object.values(value).forEach((item) => descendants(item, name, out));
  }
};

const step = (values: unknown[], segment: Segment): unknown[] => {
  const out: unknown[] = [];
  for (const value of values) {
    switch (segment.kind) {
      case 'field':
        if (isObject(value) && segment.name in value) out.push(value[segment.name]);
        break;
      case 'index':
        if (Array.isArray(value)) {
          const index = segment.index < 0 ? value.length + segment.index : segment.index;
          if (index >= 0 && index < value.length) out.push(value[index]);
        }
        break;
      case 'wildcard':
        if (Array.isArray(value)) out.push(...(value as unknown[]));
        else if (isObject(value)) out.push(...Object.values(value));
        break;
      case 'slice':
        if (Array.isArray(value))
          out.push(...(value as unknown[]).slice(segment.start, segment.end));
        break;
      case 'descendant':
        descendants(value, segment.name, out);
        break;
    }
  }
  return out;
};

/**
 * Reads a path. A definite path (names and indexes only) gives its one value and
 * fails with States.Runtime when it is absent, as AWS does; an indefinite path
 * gives the array of every match.
 */
export const readPath = (root: unknown, path: ParsedPath, text: string): unknown => {
  const found = path.segments.reduce<unknown[]>((values, segment) => step(values, segment), [root]);
  if (!path.definite) return found;
  if (found.length === 0) {
    throw new StatesError(
      'States.Runtime',
      `The JSONPath '${text}' could not be found in the input '${JSON.stringify(root)}'`,
    );
  }
  return found[0];
};

/** ResultPath: the input with the value placed at a reference path; `$` replaces it. */
export const writePath = (input: unknown, path: string, value: unknown): unknown => {
  const parsed = parsePath(path);
  if (parsed.root !== 'input' || !parsed.definite) {
    throw new StatesError('States.Runtime', `Invalid ResultPath: ${path}`);
  }
  if (parsed.segments.length === 0) return value;
  const copy = structuredClone(isObject(input) || Array.isArray(input) ? input : {}) as unknown;
  let target = copy;
  parsed.segments.forEach((segment, position) => {
    const last = position === parsed.segments.length - 1;
    const key =
      segment.kind === 'field' ? segment.name : segment.kind === 'index' ? segment.index : '';
    if (!isObject(target) && !Array.isArray(target)) {
      throw new StatesError('States.Runtime', `Unable to apply ResultPath ${path} to the input`);
    }
    const container = target as Record<string | number, unknown>;
    if (last) container[key] = value;
    else {
      if (!isObject(container[key]) && !Array.isArray(container[key])) container[key] = {};
      target = container[key];
    }
  });
  return copy;
};
