import type { Execution as Run } from './interpreter';
import { type RecordedEvent, toRecordedEvent } from './history-recorder';
import { toJsonText } from './json';
import type { ExecutionStatusChange } from './types';

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

/**
 * One execution as the API shows it, over the interpreter's run. The run sets
 * its status and appends the terminal history event in the same tick, so a
 * caller who sees the execution closed always finds its complete history.
 */
export class Execution {
  readonly startDate: Date;

  constructor(
    readonly identity: ExecutionIdentity,
    readonly input: string,
    private readonly run: Run,
    private readonly onStatusChange: (change: ExecutionStatusChange) => void = () => undefined,
  ) {
    this.startDate = run.identity.startTime;
  }

  get status(): ExecutionStatus {
    return this.run.status;
  }

  get result(): ExecutionOutcome | undefined {
    const { status, output, error, cause } = this.run;
    if (status === 'RUNNING') return undefined;
    if (status === 'SUCCEEDED') return { status, output: toJsonText(output) };
    return { status, error, cause };
  }

  get stopDate(): Date | undefined {
    return this.run.status === 'RUNNING' ? undefined : this.run.stopDate;
  }

  get redriveCount(): number {
    return this.run.identity.redriveCount;
  }

  get redriveDate(): Date | undefined {
    return this.run.redriveDate;
  }

  get history(): { list(): readonly RecordedEvent[] } {
    return { list: () => this.run.history.list().map(toRecordedEvent) };
  }

  /** What EventBridge's "Step Functions Execution Status Change" event carries. */
  statusChange(): ExecutionStatusChange {
    const result = this.result;
    const failed = result !== undefined && result.status !== 'SUCCEEDED';
    return {
      executionArn: this.identity.executionArn,
      stateMachineArn: this.identity.stateMachineArn,
      name: this.identity.name,
      status: this.status,
      // Epoch milliseconds, as EventBridge's event carries them.
      startDate: this.startDate.getTime(),
      stopDate: this.stopDate?.getTime() ?? null,
      input: this.input,
      output: result?.status === 'SUCCEEDED' ? result.output : null,
      error: failed ? (result.error ?? null) : null,
      cause: failed ? (result.cause ?? null) : null,
      redriveCount: this.redriveCount,
    };
  }

  start(): void {
    this.announceUntilClosed(this.run.start());
  }

  /** Goes on with an execution restored while RUNNING (interpreter/execution.ts, resume). */
  resume(): void {
    void this.run.resume();
  }

  stop(error?: string, cause?: string): void {
    void this.run.stop(error, cause);
  }

  /** Throws the interpreter's ExecutionNotRedrivable for an execution that cannot be redriven. */
  redrive(): void {
    this.announceUntilClosed(this.run.redrive());
  }

  /** Announces the run that just began (start or redrive), and again when it has closed. */
  private announceUntilClosed(running: Promise<void>): void {
    this.onStatusChange(this.statusChange());
    void running.then(() => this.onStatusChange(this.statusChange()));
  }
}
