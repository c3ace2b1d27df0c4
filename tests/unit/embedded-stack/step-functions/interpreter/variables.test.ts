import { VariableScope } from '../../../../../embedded-stack/step-functions/interpreter/variables';

describe('VariableScope', () => {
  it('lets an inner scope read the outer one but keeps its own assignments', () => {
    const outer = new VariableScope();
    outer.assign({ x: 1 });
    const inner = outer.child();
    inner.assign({ y: 2 });
    expect([inner.get('x'), inner.get('y')]).toEqual([1, 2]);
    expect(outer.has('y')).toBe(false);
    expect(inner.all()).toEqual({ x: 1, y: 2 });
  });

  it('fails with States.Runtime on an unknown variable', () => {
    expect(() => new VariableScope().get('nope')).toThrow(
      expect.objectContaining({ error: 'States.Runtime' }) as Error,
    );
  });

  it('snapshots its own values, unaffected by later changes', () => {
    const scope = new VariableScope();
    scope.assign({ order: { id: 'o-1' } });
    const snapshot = scope.own();
    scope.assign({ order: { id: 'o-2' } });
    expect(snapshot).toEqual({ order: { id: 'o-1' } });
  });
});
