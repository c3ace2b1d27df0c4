// The path one order's saga took (API.md `SagaTrace`), read from the state machine's own
// execution history: the same events on AWS, LocalStack and the embedded stack. Plain shapes
// here; the orders context's adapter fetches the events with the SDK.

import type { SagaStatus, StepStatus, SagaStep, SagaTrace } from '../../../contracts/http/orders';

export type { SagaStatus, StepStatus, SagaStep, SagaTrace };

/** The part of a Step Functions history event the trace reads. */
export interface HistoryEventLike {
  type?: string;
  timestamp?: Date;
  stateEnteredEventDetails?: { name?: string };
  lambdaFunctionFailedEventDetails?: { error?: string };
  lambdaFunctionTimedOutEventDetails?: { error?: string };
  taskFailedEventDetails?: { error?: string };
  taskTimedOutEventDetails?: { error?: string };
  executionFailedEventDetails?: { error?: string };
}

interface OpenStep {
  state: string;
  type: string;
  startedAt: string;
  /** The error of the attempt under way, if it failed. */
  error?: string;
}

const ATTEMPT_FAILED = new Set([
  'LambdaFunctionFailed',
  'LambdaFunctionTimedOut',
  'LambdaFunctionStartFailed',
  'LambdaFunctionScheduleFailed',
  'TaskFailed',
  'TaskTimedOut',
  'TaskStartFailed',
  'TaskSubmitFailed',
]);
const ATTEMPT_SCHEDULED = new Set(['LambdaFunctionScheduled', 'TaskScheduled']);

const failureOf = (event: HistoryEventLike): string | undefined =>
  event.lambdaFunctionFailedEventDetails?.error ??
  event.lambdaFunctionTimedOutEventDetails?.error ??
  event.taskFailedEventDetails?.error ??
  event.taskTimedOutEventDetails?.error ??
  (event.type?.endsWith('TimedOut') ? 'States.Timeout' : 'States.TaskFailed');

/**
 * Replays the history: every state entered is a step; a failed attempt followed by another
 * attempt in the same state is a RETRIED step of its own; a state left after a failure was
 * CAUGHT; the state the execution failed in FAILED. Each redrive is noted with its time.
 */
export function sagaTraceOf(
  orderId: string,
  executionId: string,
  events: readonly HistoryEventLike[],
): SagaTrace {
  const steps: SagaStep[] = [];
  let open: OpenStep | undefined;
  let status: SagaStatus = 'RUNNING';
  let startedAt = '';
  let endedAt: string | undefined;
  const redrivenAt: string[] = [];

  const close = (step: OpenStep, stepStatus: StepStatus, at: string): void => {
    steps.push({
      state: step.state,
      type: step.type,
      status: stepStatus,
      startedAt: step.startedAt,
      endedAt: at,
      ...(step.error === undefined ? {} : { error: step.error }),
    });
  };

  for (const event of events) {
    const type = event.type ?? '';
    const at = (event.timestamp ?? new Date(0)).toISOString();
    if (type === 'ExecutionStarted') {
      startedAt = at;
    } else if (type.endsWith('StateEntered')) {
      open = {
        state: event.stateEnteredEventDetails?.name ?? '',
        type: type.slice(0, -'StateEntered'.length),
        startedAt: at,
      };
    } else if (open && ATTEMPT_FAILED.has(type)) {
      open.error = failureOf(event);
    } else if (open && ATTEMPT_SCHEDULED.has(type) && open.error !== undefined) {
      close(open, 'RETRIED', at);
      open = { state: open.state, type: open.type, startedAt: at };
    } else if (open && type.endsWith('StateExited')) {
      close(open, open.error === undefined ? 'SUCCEEDED' : 'CAUGHT', at);
      open = undefined;
    } else if (type === 'ExecutionRedriven') {
      // An operator's redrive: the execution runs on from the step that failed.
      status = 'RUNNING';
      endedAt = undefined;
      redrivenAt.push(at);
    } else if (type === 'ExecutionSucceeded') {
      status = 'SUCCEEDED';
      endedAt = at;
    } else if (
      type === 'ExecutionFailed' ||
      type === 'ExecutionAborted' ||
      type === 'ExecutionTimedOut'
    ) {
      if (open) {
        open.error ??= event.executionFailedEventDetails?.error ?? type;
        close(open, 'FAILED', at);
        open = undefined;
      }
      status = 'FAILED';
      endedAt = at;
    }
  }
  // A state still under way has no outcome yet: the trace lists the steps that have one.
  return {
    orderId,
    executionId,
    status,
    startedAt,
    ...(endedAt === undefined ? {} : { endedAt }),
    steps,
    ...(redrivenAt.length === 0 ? {} : { redrivenAt }),
  };
}
