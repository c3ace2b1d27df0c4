import type { RunOptions, StateMachine, StateMachineDefinition } from 'aws-local-stepfunctions';

// Types aws-local-stepfunctions uses but does not export, derived from its
// public signatures so they follow the library if it changes.

export type LibraryEvent =
  ReturnType<StateMachine['run']>['eventLogs'] extends AsyncGenerator<infer Event> ? Event : never;

export type StateType = Extract<LibraryEvent, { type: 'StateEntered' }>['state']['type'];

export type AnyState = StateMachineDefinition['States'][string];

export type TaskHandlerOverrides = NonNullable<
  NonNullable<RunOptions['overrides']>['taskResourceLocalHandlers']
>;

export type JsonValue = Parameters<TaskHandlerOverrides[string]>[0];
