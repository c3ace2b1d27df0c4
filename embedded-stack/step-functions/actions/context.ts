import type { ArnScope } from '../arns';
import type { RunSettings } from '../execution-runner';
import type { ExecutionStore } from '../execution-store';
import type { StateMachineRegistry } from '../state-machine-registry';

export interface ActionContext {
  scope: ArnScope;
  stateMachines: StateMachineRegistry;
  executions: ExecutionStore;
  run: RunSettings;
}

/** One Step Functions API action: a parsed JSON body in, a JSON-ready body out. */
export type Action = (body: unknown, context: ActionContext) => unknown;
