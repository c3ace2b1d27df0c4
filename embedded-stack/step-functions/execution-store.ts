import type { Execution } from './execution';

/** All executions of this server's life, never evicted (a local stack is short-lived). */
export class ExecutionStore {
  private readonly byArn = new Map<string, Execution>();
  private readonly byStateMachine = new Map<string, Execution[]>();

  add(execution: Execution): void {
    this.byArn.set(execution.identity.executionArn, execution);
    const { stateMachineArn } = execution.identity;
    const started = this.byStateMachine.get(stateMachineArn) ?? [];
    started.push(execution);
    this.byStateMachine.set(stateMachineArn, started);
  }

  get(executionArn: string): Execution | undefined {
    return this.byArn.get(executionArn);
  }

  /** A state machine's executions in the order they started (oldest first). */
  ofStateMachine(stateMachineArn: string): readonly Execution[] {
    return this.byStateMachine.get(stateMachineArn) ?? [];
  }

  all(): Execution[] {
    return [...this.byArn.values()];
  }
}
