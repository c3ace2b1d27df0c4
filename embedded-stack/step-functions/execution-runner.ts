import './promise-with-resolvers-polyfill';
import { StateMachine } from 'aws-local-stepfunctions';
import { onEveryDispatchedEvent } from './event-dispatch-hook';
import type { Execution } from './execution';
import { lambdaTaskHandlers } from './lambda-task';
import { recordLibraryEvent } from './library-event-recorder';
import type { JsonValue } from './library-types';
import type { RegisteredStateMachine } from './state-machine-registry';
import { newStateContext, trackState } from './state-context';

/**
 * Starts the execution in the background. Its status and history change as the
 * library dispatches events; nothing here waits for it to end.
 */
export const runExecution = (
  machine: RegisteredStateMachine,
  execution: Execution,
  input: JsonValue,
): void => {
  // One library instance per execution: the dispatch hook belongs to this run.
  const stateMachine = new StateMachine(machine.definition, {
    validationOptions: { noValidate: true },
  });
  const state = newStateContext();
  onEveryDispatchedEvent(stateMachine, (event) => {
    trackState(state, event);
    recordLibraryEvent(execution, event);
  });
  const run = stateMachine.run(input, {
    overrides: { taskResourceLocalHandlers: lambdaTaskHandlers(machine, execution) },
    context: {
      Execution: {
        Id: execution.identity.executionArn,
        Name: execution.identity.name,
        RoleArn: execution.identity.roleArn,
      },
      StateMachine: { Id: machine.arn, Name: machine.name },
      State: state,
    },
  });
  execution.attachRun(run.abort);
  // Normal ends were recorded from the library's events already (complete() is
  // then a no-op); this catches a failure of the runner itself.
  run.result.catch((error: unknown) => {
    execution.complete({ status: 'FAILED', error: 'States.Runtime', cause: String(error) });
  });
};
