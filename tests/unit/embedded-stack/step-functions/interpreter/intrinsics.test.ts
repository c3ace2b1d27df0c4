import { evaluateDynamic } from '../../../../../embedded-stack/step-functions/interpreter/json-path-evaluator';
import { VariableScope } from '../../../../../embedded-stack/step-functions/interpreter/variables';

const evaluate = (text: string, input: unknown = {}): unknown =>
  evaluateDynamic(text, { input, context: {}, variables: new VariableScope() });

describe('intrinsic functions', () => {
  it('nests calls and reads paths as arguments', () => {
    expect(
      evaluate(
        "States.Format('{}-{}', States.ArrayGetItem(States.StringSplit($.arn, ':'), 1), $.n)",
        { arn: 'a:b:c', n: 7 },
      ),
    ).toBe('b-7');
  });

  it('keeps escaped quotes and braces in string arguments', () => {
    expect(evaluate("States.Format('it\\'s \\{} {}', 'x')")).toBe("it's {} x");
  });

  it('splits on every delimiter character', () => {
    expect(evaluate("States.StringSplit('This.is+a,test', '.+,')")).toEqual([
      'This',
      'is',
      'a',
      'test',
    ]);
  });

  it('draws MathRandom from [start, end) and makes v4 UUIDs', () => {
    const draws = Array.from({ length: 50 }, () => evaluate('States.MathRandom(1, 4)') as number);
    expect(draws.every((n) => Number.isInteger(n) && n >= 1 && n < 4)).toBe(true);
    expect(evaluate('States.UUID()')).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });

  it('fails with States.IntrinsicFailure on wrong arguments', () => {
    const failure = expect.objectContaining({ error: 'States.IntrinsicFailure' }) as Error;
    expect(() => evaluate("States.Format('{} {}', 'only one')")).toThrow(failure);
    expect(() => evaluate('States.ArrayRange(1, 5000, 1)')).toThrow(failure);
    expect(() => evaluate('States.JsonMerge($.a, $.a, true)', { a: {} })).toThrow(failure);
    expect(() => evaluate('States.Nope(1)')).toThrow(failure);
  });
});
