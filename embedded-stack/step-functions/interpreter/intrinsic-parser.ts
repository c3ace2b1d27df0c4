/**
 * Parses a JSONPath-mode intrinsic call, `States.Format('{} of {}', $.a, States.ArrayLength($.b))`,
 * into a tree. Arguments are quoted strings (escapes `\'`, `\{`, `\}`, `\\`), numbers,
 * booleans, null, paths, and nested calls.
 * https://docs.aws.amazon.com/step-functions/latest/dg/intrinsic-functions.html
 */
import { StatesError } from './errors';

export type IntrinsicArgument =
  { kind: 'literal'; value: unknown } | { kind: 'path'; path: string } | IntrinsicCall;

export interface IntrinsicCall {
  kind: 'call';
  name: string;
  args: IntrinsicArgument[];
}

const fail = (text: string, why: string): never => {
  throw new StatesError('States.IntrinsicFailure', `Invalid intrinsic function '${text}': ${why}`);
};

export const isIntrinsic = (text: string): boolean => /^States\.[A-Za-z0-9]+\(/.test(text.trim());

export const parseIntrinsic = (text: string): IntrinsicCall => {
  let position = 0;
  const skipSpace = (): void => {
    while (text[position] === ' ') position += 1;
  };

  const parseString = (): string => {
    position += 1;
    let value = '';
    for (;;) {
      const char = text[position];
      if (char === undefined) return fail(text, 'unterminated string');
      position += 1;
      if (char === "'") return value;
      // Step Functions keeps the backslash of `\{` and `\}` so States.Format can tell them apart.
      if (char === '\\') {
        const next = text[position] ?? '';
        position += 1;
        value += next === '{' || next === '}' ? `\\${next}` : next;
      } else value += char;
    }
  };

  const parseArgument = (): IntrinsicArgument => {
    skipSpace();
    const char = text[position];
    if (char === "'") return { kind: 'literal', value: parseString() };
    const rest = text.slice(position);
    if (rest.startsWith('States.')) return parseCall();
    const token = /^[^,)\s]+/.exec(rest)?.[0] ?? fail(text, `unexpected '${char ?? 'end'}'`);
    position += token.length;
    if (token.startsWith('$')) return { kind: 'path', path: token };
    if (token === 'null') return { kind: 'literal', value: null };
    if (token === 'true' || token === 'false') return { kind: 'literal', value: token === 'true' };
    const number = Number(token);
    if (Number.isNaN(number)) return fail(text, `unexpected '${token}'`);
    return { kind: 'literal', value: number };
  };

  const parseCall = (): IntrinsicCall => {
    const name =
      /^States\.[A-Za-z0-9]+/.exec(text.slice(position))?.[0] ?? fail(text, 'no function name');
    position += name.length;
    if (text[position] !== '(') fail(text, "expected '('");
    position += 1;
    const args: IntrinsicArgument[] = [];
    skipSpace();
    if (text[position] === ')') {
      position += 1;
      return { kind: 'call', name, args };
    }
    for (;;) {
      args.push(parseArgument());
      skipSpace();
      const separator = text[position];
      position += 1;
      if (separator === ')') return { kind: 'call', name, args };
      if (separator !== ',') fail(text, "expected ',' or ')'");
    }
  };

  const call = parseCall();
  skipSpace();
  if (position !== text.length) fail(text, 'unexpected text after the call');
  return call;
};
