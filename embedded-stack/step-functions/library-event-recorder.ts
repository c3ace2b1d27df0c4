import type { HistoryEventType } from '@aws-sdk/client-sfn';
import type { Execution } from './execution';
import { toJsonText } from './json';
import type { LibraryEvent, StateType } from './library-types';

const ENTERED: Record<StateType, HistoryEventType> = {
  Task: 'TaskStateEntered',
  Parallel: 'ParallelStateEntered',
  Map: 'MapStateEntered',
  Pass: 'PassStateEntered',
  Wait: 'WaitStateEntered',
  Choice: 'ChoiceStateEntered',
  Succeed: 'SucceedStateEntered',
  Fail: 'FailStateEntered',
};

// A Fail state never exits: the execution fails from inside it.
const EXITED: Record<StateType, HistoryEventType | undefined> = {
  Task: 'TaskStateExited',
  Parallel: 'ParallelStateExited',
  Map: 'MapStateExited',
  Pass: 'PassStateExited',
  Wait: 'WaitStateExited',
  Choice: 'ChoiceStateExited',
  Succeed: 'SucceedStateExited',
  Fail: undefined,
};

const NO_DATA_TRUNCATED = { truncated: false };

const causeText = (cause: unknown): string | undefined =>
  cause === undefined || typeof cause === 'string' ? cause : toJsonText(cause);

type MapIterationEvent = Extract<LibraryEvent, { type: `MapIteration${string}` }>;

const iteration = (event: MapIterationEvent) => ({
  name: event.parentState.name,
  index: event.index,
});

/**
 * Writes one aws-local-stepfunctions event into the execution, in AWS terms.
 * The library's StateFailed/StateRetried/StateCaught have no AWS counterpart:
 * on AWS the Lambda events and the next state's events tell that story.
 */
export const recordLibraryEvent = (execution: Execution, event: LibraryEvent): void => {
  const { history } = execution;
  switch (event.type) {
    case 'ExecutionStarted':
      history.append('ExecutionStarted', {
        key: 'executionStartedEventDetails',
        value: {
          input: execution.input,
          inputDetails: NO_DATA_TRUNCATED,
          roleArn: execution.identity.roleArn,
        },
      });
      return;
    case 'StateEntered':
      history.append(ENTERED[event.state.type], {
        key: 'stateEnteredEventDetails',
        value: {
          name: event.state.name,
          input: toJsonText(event.state.input),
          inputDetails: NO_DATA_TRUNCATED,
        },
      });
      return;
    case 'StateExited': {
      const type = EXITED[event.state.type];
      if (type === undefined) return;
      history.append(type, {
        key: 'stateExitedEventDetails',
        value: {
          name: event.state.name,
          output: toJsonText(event.state.output),
          outputDetails: NO_DATA_TRUNCATED,
        },
      });
      return;
    }
    case 'StateFailed':
      if (event.state.type === 'Task' && event.Error === 'States.Timeout') {
        execution.lambdaAttempts.timedOut(event.state.name, event.Error, causeText(event.Cause));
      }
      return;
    case 'MapIterationStarted':
      history.append(event.type, {
        key: 'mapIterationStartedEventDetails',
        value: iteration(event),
      });
      return;
    case 'MapIterationSucceeded':
      history.append(event.type, {
        key: 'mapIterationSucceededEventDetails',
        value: iteration(event),
      });
      return;
    case 'MapIterationFailed':
      history.append(event.type, {
        key: 'mapIterationFailedEventDetails',
        value: iteration(event),
      });
      return;
    case 'ExecutionSucceeded':
      execution.complete({ status: 'SUCCEEDED', output: toJsonText(event.output) });
      return;
    case 'ExecutionFailed':
      execution.complete({ status: 'FAILED', error: event.Error, cause: causeText(event.Cause) });
      return;
    case 'ExecutionTimeout':
      execution.complete({ status: 'TIMED_OUT', error: 'States.Timeout' });
      return;
    case 'ExecutionAborted':
      execution.complete({ status: 'ABORTED' });
      return;
    case 'StateRetried':
    case 'StateCaught':
    case 'ParallelBranchStarted':
    case 'ParallelBranchSucceeded':
    case 'ParallelBranchFailed':
      return;
  }
};
