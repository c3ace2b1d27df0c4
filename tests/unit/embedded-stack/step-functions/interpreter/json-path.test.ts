import {
  parsePath,
  readPath,
  writePath,
} from '../../../../../embedded-stack/step-functions/interpreter/json-path';

const read = (value: unknown, path: string): unknown => readPath(value, parsePath(path), path);

describe('readPath', () => {
  const doc = { a: { b: [10, 20, 30] }, 'odd key': 1, list: [{ n: 1 }, { n: 2 }] };

  it('reads names, quoted names and indexes as one value', () => {
    expect(read(doc, '$.a.b[1]')).toBe(20);
    expect(read(doc, "$['odd key']")).toBe(1);
    expect(read(doc, '$.a.b[-1]')).toBe(30);
    expect(read(doc, '$')).toBe(doc);
  });

  it('gives the array of matches for wildcards, slices and descendants', () => {
    expect(read(doc, '$.list[*].n')).toEqual([1, 2]);
    expect(read(doc, '$.a.b[0:2]')).toEqual([10, 20]);
    expect(read(doc, '$..n')).toEqual([1, 2]);
  });

  it('fails with States.Runtime when a definite path is absent', () => {
    expect(() => read(doc, '$.a.missing')).toThrow(
      expect.objectContaining({ error: 'States.Runtime' }) as Error,
    );
  });

  it('tells context and variable paths from input paths', () => {
    expect(parsePath('$$.Execution.Id')).toMatchObject({ root: 'context' });
    expect(parsePath('$order.id')).toMatchObject({ root: 'variable', variable: 'order' });
  });
});

describe('writePath', () => {
  it('places a value at a reference path, creating objects on the way, without changing the input', () => {
    const input = { keep: 1 };
    expect(writePath(input, '$.a.b', 2)).toEqual({ keep: 1, a: { b: 2 } });
    expect(input).toEqual({ keep: 1 });
  });

  it('replaces the whole input at $', () => {
    expect(writePath({ keep: 1 }, '$', 'new')).toBe('new');
  });
});
