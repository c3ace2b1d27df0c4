/**
 * Workflow variables. The top-level states share one scope; each Parallel branch
 * and each inline Map iteration gets a scope of its own that reads the outer ones
 * but whose assignments never leave it (data leaves a branch through its Output).
 * Every expression in a state reads the values as they were when the state was
 * entered: a state's Assign takes effect only when it exits.
 * https://docs.aws.amazon.com/step-functions/latest/dg/workflow-variables.html
 */
import { StatesError } from './errors';

export class VariableScope {
  private readonly values = new Map<string, unknown>();

  constructor(private readonly parent?: VariableScope) {}

  child(): VariableScope {
    return new VariableScope(this);
  }

  has(name: string): boolean {
    return this.values.has(name) || (this.parent?.has(name) ?? false);
  }

  get(name: string): unknown {
    if (this.values.has(name)) return this.values.get(name);
    if (this.parent) return this.parent.get(name);
    throw new StatesError('States.Runtime', `The variable '$${name}' is not defined`);
  }

  /** Every visible variable, inner scopes shadowing outer ones: JSONata's bindings. */
  all(): Record<string, unknown> {
    return { ...(this.parent?.all() ?? {}), ...Object.fromEntries(this.values) };
  }

  assign(values: Record<string, unknown>): void {
    for (const [name, value] of Object.entries(values)) this.values.set(name, value);
  }

  /** This scope's own values, to restore it on redrive. */
  own(): Record<string, unknown> {
    return structuredClone(Object.fromEntries(this.values));
  }
}
