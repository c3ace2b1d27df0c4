/**
 * What every state of one execution shares while it runs, and what each line of
 * states (the top level, a Parallel branch, a Map iteration) has of its own.
 */
import type { Clock } from './clock';
import type { Trail } from './history';
import type { QueryLanguage, StateMachineDefinition, TaskHandlerResolver } from './types';
import type { VariableScope } from './variables';

export interface ExecutionIdentity {
  executionArn: string;
  executionName: string;
  stateMachineArn: string;
  stateMachineName: string;
  roleArn: string;
  region: string;
  startTime: Date;
  input: unknown;
  redriveCount: number;
}

export interface MapItem {
  Index: number;
  Value: unknown;
}

export interface RunContext {
  identity: ExecutionIdentity;
  clock: Clock;
  random: () => number;
  resolveTask: TaskHandlerResolver;
  /** Aborted on StopExecution, the execution's TimeoutSeconds, or a sibling branch's failure. */
  signal: AbortSignal;
  trail: Trail;
  variables: VariableScope;
  queryLanguage: QueryLanguage;
  mapItem?: MapItem;
  /** Called as each state is entered: the top level records where a redrive would resume. */
  onStateEntered?: (stateName: string, input: unknown) => void;
  /** Runs a nested machine (Parallel branch, Map iteration); given to avoid an import cycle. */
  runMachine: (
    machine: StateMachineDefinition,
    input: unknown,
    context: RunContext,
  ) => Promise<unknown>;
}

export const contextObject = (
  context: RunContext,
  stateName: string,
  enteredTime: Date,
  retryCount: number,
): Record<string, unknown> => {
  const { identity } = context;
  return {
    Execution: {
      Id: identity.executionArn,
      Input: identity.input,
      Name: identity.executionName,
      RoleArn: identity.roleArn,
      StartTime: identity.startTime.toISOString(),
      RedriveCount: identity.redriveCount,
    },
    State: { EnteredTime: enteredTime.toISOString(), Name: stateName, RetryCount: retryCount },
    StateMachine: { Id: identity.stateMachineArn, Name: identity.stateMachineName },
    Task: {},
    ...(context.mapItem ? { Map: { Item: context.mapItem } } : {}),
  };
};
