/**
 * An execution's history in AWS's terms: each event has an id, the id of the event
 * that led to it, a timestamp, a type and one `<x>EventDetails` member, named and
 * shaped as GetExecutionHistory returns them.
 * https://docs.aws.amazon.com/step-functions/latest/apireference/API_HistoryEvent.html
 */

export type StateKind =
  'Task' | 'Pass' | 'Choice' | 'Wait' | 'Succeed' | 'Fail' | 'Parallel' | 'Map';

export type HistoryEventType =
  | 'ExecutionStarted'
  | 'ExecutionSucceeded'
  | 'ExecutionFailed'
  | 'ExecutionAborted'
  | 'ExecutionTimedOut'
  | 'ExecutionRedriven'
  | `${StateKind}StateEntered`
  | `${StateKind}StateExited`
  | 'LambdaFunctionScheduled'
  | 'LambdaFunctionStarted'
  | 'LambdaFunctionSucceeded'
  | 'LambdaFunctionFailed'
  | 'LambdaFunctionTimedOut'
  | 'TaskScheduled'
  | 'TaskStarted'
  | 'TaskSucceeded'
  | 'TaskFailed'
  | 'TaskTimedOut'
  | 'ParallelStateStarted'
  | 'ParallelStateSucceeded'
  | 'ParallelStateFailed'
  | 'ParallelStateAborted'
  | 'MapStateStarted'
  | 'MapStateSucceeded'
  | 'MapStateFailed'
  | 'MapStateAborted'
  | 'MapIterationStarted'
  | 'MapIterationSucceeded'
  | 'MapIterationFailed'
  | 'MapIterationAborted';

export interface HistoryEvent {
  id: number;
  previousEventId: number;
  timestamp: Date;
  type: HistoryEventType;
  /** e.g. `stateEnteredEventDetails`, `lambdaFunctionFailedEventDetails` */
  detailsKey?: string;
  details?: Record<string, unknown>;
}

export type HistoryListener = (event: HistoryEvent) => void;

/** Append-only, shared by every branch of one execution. */
export class History {
  private readonly events: HistoryEvent[];

  constructor(
    private readonly now: () => Date,
    private readonly listener?: HistoryListener,
    /** The events of an execution saved by an earlier process: the history goes on after them. */
    saved: readonly HistoryEvent[] = [],
  ) {
    this.events = [...saved];
  }

  list(): readonly HistoryEvent[] {
    return this.events;
  }

  lastId(): number {
    return this.events.length;
  }

  append(
    previousEventId: number,
    type: HistoryEventType,
    detailsKey?: string,
    details?: Record<string, unknown>,
  ): number {
    const event: HistoryEvent = {
      id: this.events.length + 1,
      previousEventId,
      timestamp: this.now(),
      type,
    };
    if (detailsKey !== undefined && details !== undefined) {
      event.detailsKey = detailsKey;
      event.details = details;
    }
    this.events.push(event);
    this.listener?.(event);
    return event.id;
  }
}

/**
 * One line of events through the history: the execution's own, or one Parallel
 * branch's or Map iteration's, whose events follow each other while the
 * lines interleave in the shared history.
 */
export class Trail {
  constructor(
    private readonly history: History,
    private last: number,
  ) {}

  get lastEventId(): number {
    return this.last;
  }

  add(type: HistoryEventType, detailsKey?: string, details?: Record<string, unknown>): number {
    this.last = this.history.append(this.last, type, detailsKey, details);
    return this.last;
  }

  branch(): Trail {
    return new Trail(this.history, this.last);
  }

  /** After branches ran, the next event follows the latest one in the history. */
  follow(): void {
    this.last = this.history.lastId();
  }
}

export const jsonText = (value: unknown): string => JSON.stringify(value ?? null);
