import type { HistoryEventType } from '@aws-sdk/client-sfn';
import { type EventDetails, HistoryRecorder } from './history-recorder';
import { LambdaAttempts } from './lambda-attempts';

export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'ABORTED' | 'TIMED_OUT';

export type ExecutionOutcome =
  | { status: 'SUCCEEDED'; output: string }
  | { status: 'FAILED' | 'ABORTED' | 'TIMED_OUT'; error?: string; cause?: string };

export interface ExecutionIdentity {
  executionArn: string;
  name: string;
  stateMachineArn: string;
  roleArn: string;
}

const terminalEvent = (outcome: ExecutionOutcome): [HistoryEventType, EventDetails] => {
  switch (outcome.status) {
    case 'SUCCEEDED':
      return [
        'ExecutionSucceeded',
        {
          key: 'executionSucceededEventDetails',
          value: { output: outcome.output, outputDetails: { truncated: false } },
        },
      ];
    case 'FAILED':
      return [
        'ExecutionFailed',
        {
          key: 'executionFailedEventDetails',
          value: { error: outcome.error, cause: outcome.cause },
        },
      ];
    case 'ABORTED':
      return [
        'ExecutionAborted',
        {
          key: 'executionAbortedEventDetails',
          value: { error: outcome.error, cause: outcome.cause },
        },
      ];
    case 'TIMED_OUT':
      return [
        'ExecutionTimedOut',
        {
          key: 'executionTimedOutEventDetails',
          value: { error: outcome.error, cause: outcome.cause },
        },
      ];
  }
};

/**
 * One execution: what DescribeExecution shows and the history. Status and the
 * terminal history event change together, so a caller who sees the execution
 * closed always finds its complete history.
 */
export class Execution {
  readonly history = new HistoryRecorder();
  readonly lambdaAttempts = new LambdaAttempts(this.history);
  readonly startDate = new Date();
  private outcome: ExecutionOutcome | undefined;
  private stopDateValue: Date | undefined;
  // Stops our task handler wrappers; the library's own abort only ends the run
  // once the current task has answered, which a stuck handler never does.
  private readonly pendingWork = new AbortController();
  private abortRun: () => void = () => undefined;

  constructor(
    readonly identity: ExecutionIdentity,
    readonly input: string,
  ) {}

  get status(): ExecutionStatus {
    return this.outcome?.status ?? 'RUNNING';
  }

  get result(): ExecutionOutcome | undefined {
    return this.outcome;
  }

  get stopDate(): Date | undefined {
    return this.stopDateValue;
  }

  get workSignal(): AbortSignal {
    return this.pendingWork.signal;
  }

  attachRun(abort: () => void): void {
    this.abortRun = abort;
  }

  /** Closes the execution; a second outcome (e.g. the library's after a stop) is ignored. */
  complete(outcome: ExecutionOutcome): void {
    if (this.outcome) return;
    const [type, details] = terminalEvent(outcome);
    const event = this.history.appendTerminal(type, details);
    this.outcome = outcome;
    this.stopDateValue = event?.timestamp ?? new Date();
  }

  stop(error?: string, cause?: string): void {
    if (this.outcome) return;
    this.complete({ status: 'ABORTED', error, cause });
    this.releasePendingWork();
  }

  releasePendingWork(): void {
    this.pendingWork.abort();
    this.abortRun();
  }
}
