/**
 * One execution of a state machine: start, stop (ExecutionAborted), the machine's
 * TimeoutSeconds (ExecutionTimedOut), and redrive. A redrive continues a FAILED,
 * ABORTED or TIMED_OUT execution from the top-level state that did not finish,
 * with that state's input and the variables as they were when it was entered;
 * the history goes on after an ExecutionRedriven event and RedriveCount grows.
 * An execution saved by an earlier process (its history and its last resume point, `restored`)
 * comes back as it was; `resume()` goes on with one that was still running, from the top-level
 * state it was in (re-entered: the state's work is done again, so its Task must be idempotent).
 * https://docs.aws.amazon.com/step-functions/latest/dg/redrive-executions.html
 * https://docs.aws.amazon.com/step-functions/latest/apireference/API_StartExecution.html
 */
import { scaledClock, type Clock } from './clock';
import { Interrupted, StatesError, toStatesError } from './errors';
import {
  History,
  jsonText,
  Trail,
  type HistoryEvent,
  type HistoryEventType,
  type HistoryListener,
} from './history';
import type { ExecutionIdentity, RunContext } from './run-context';
import { runMachine } from './run-states';
import type { StateMachineDefinition, TaskHandlerResolver } from './types';
import { VariableScope } from './variables';

export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'ABORTED' | 'TIMED_OUT';

export interface ExecutionOptions {
  definition: StateMachineDefinition;
  resolveTask: TaskHandlerResolver;
  input?: unknown;
  clock?: Clock;
  random?: () => number;
  onEvent?: HistoryListener;
  executionArn?: string;
  executionName?: string;
  stateMachineArn?: string;
  roleArn?: string;
  region?: string;
  /** Called as each top-level state is entered: where a redrive (or a resume) would go on. */
  onResumePoint?: (point: ResumePoint) => void;
  /** An execution saved by an earlier process, to bring back instead of a new one. */
  restored?: SavedRun;
}

/** A top-level state as it was entered: its input and the variables then. */
export interface ResumePoint {
  stateName: string;
  input: unknown;
  variables: Record<string, unknown>;
}

export interface SavedRun {
  startTime: Date;
  input: unknown;
  /** Its history so far (possibly empty: the process died before ExecutionStarted). */
  events: readonly HistoryEvent[];
  resumePoint?: ResumePoint;
}

/** The events that set an execution's status: it is RUNNING after none or ExecutionRedriven. */
const STATUS_EVENTS: Partial<Record<HistoryEventType, ExecutionStatus>> = {
  ExecutionSucceeded: 'SUCCEEDED',
  ExecutionFailed: 'FAILED',
  ExecutionAborted: 'ABORTED',
  ExecutionTimedOut: 'TIMED_OUT',
  ExecutionRedriven: 'RUNNING',
};

export class Execution {
  readonly history: History;
  readonly identity: ExecutionIdentity;
  status: ExecutionStatus = 'RUNNING';
  output: unknown;
  error: string | undefined;
  cause: string | undefined;
  stopDate: Date | undefined;
  redriveDate: Date | undefined;
  private readonly clock: Clock;
  private controller = new AbortController();
  private resumePoint: ResumePoint | undefined;
  private variables = new VariableScope();
  private running: Promise<void> | undefined;

  constructor(private readonly options: ExecutionOptions) {
    this.clock = options.clock ?? scaledClock();
    const { restored } = options;
    this.history = new History(() => this.clock.now(), options.onEvent, restored?.events);
    const executionName = options.executionName ?? 'execution';
    const stateMachineArn =
      options.stateMachineArn ?? 'arn:aws:states:us-east-1:000000000000:stateMachine:machine';
    this.identity = {
      executionArn:
        options.executionArn ??
        `${stateMachineArn.replace(':stateMachine:', ':execution:')}:${executionName}`,
      executionName,
      stateMachineArn,
      stateMachineName: stateMachineArn.split(':').at(-1) ?? 'machine',
      roleArn: options.roleArn ?? 'arn:aws:iam::000000000000:role/local',
      region: options.region ?? 'us-east-1',
      startTime: restored?.startTime ?? this.clock.now(),
      input: restored?.input ?? options.input ?? {},
      redriveCount: 0,
    };
    if (restored) this.replay(restored);
  }

  /** Starts the run; resolves when the execution has closed. */
  start(): Promise<void> {
    if (this.running) throw new Error('The execution has already started');
    this.history.append(0, 'ExecutionStarted', 'executionStartedEventDetails', {
      input: jsonText(this.identity.input),
      inputDetails: { truncated: false },
      roleArn: this.identity.roleArn,
    });
    this.running = this.run(this.options.definition.StartAt, this.identity.input);
    return this.running;
  }

  /** StopExecution: the run ends ABORTED with the given error and cause. */
  stop(error?: string, cause?: string): Promise<void> {
    if (this.status === 'RUNNING') {
      this.error = error;
      this.cause = cause;
      this.controller.abort(new Interrupted('ABORTED'));
    }
    return this.running ?? Promise.resolve();
  }

  /** RedriveExecution. Throws ExecutionNotRedrivable unless the execution FAILED, ABORTED or TIMED_OUT. */
  redrive(): Promise<void> {
    const resume = this.resumePoint;
    if (this.status === 'RUNNING' || this.status === 'SUCCEEDED' || resume === undefined) {
      throw new StatesError(
        'ExecutionNotRedrivable',
        `The execution is ${this.status} and cannot be redriven`,
      );
    }
    this.identity.redriveCount += 1;
    this.redriveDate = this.clock.now();
    this.status = 'RUNNING';
    this.output = this.error = this.cause = this.stopDate = undefined;
    this.controller = new AbortController();
    this.variables = new VariableScope();
    this.variables.assign(resume.variables);
    this.history.append(
      this.history.lastId(),
      'ExecutionRedriven',
      'executionRedrivenEventDetails',
      {
        redriveCount: this.identity.redriveCount,
      },
    );
    this.running = this.run(resume.stateName, resume.input);
    return this.running;
  }

  /**
   * Goes on with a restored execution that was RUNNING when its process died: from the top-level
   * state it was last in, with that state's input and the variables as they were then; from the
   * start if it had entered none. The history goes on where it stopped.
   */
  resume(): Promise<void> {
    if (this.running) throw new Error('The execution is already running');
    if (this.status !== 'RUNNING') {
      throw new Error(`The execution is ${this.status}: only a running one resumes`);
    }
    if (this.history.lastId() === 0) return this.start();
    const resume = this.resumePoint ?? {
      stateName: this.options.definition.StartAt,
      input: this.identity.input,
      variables: {},
    };
    this.variables.assign(resume.variables);
    this.running = this.run(resume.stateName, resume.input);
    return this.running;
  }

  /** Resolves when the current run (start or redrive) has closed. */
  done(): Promise<void> {
    return this.running ?? Promise.resolve();
  }

  private async run(startAt: string, input: unknown): Promise<void> {
    const { definition } = this.options;
    const trail = new Trail(this.history, this.history.lastId());
    const context: RunContext = {
      identity: this.identity,
      clock: this.clock,
      random: this.options.random ?? Math.random,
      resolveTask: this.options.resolveTask,
      signal: this.controller.signal,
      trail,
      variables: this.variables,
      queryLanguage: definition.QueryLanguage ?? 'JSONPath',
      onStateEntered: (stateName, stateInput) => {
        this.resumePoint = { stateName, input: stateInput, variables: this.variables.own() };
        this.options.onResumePoint?.(this.resumePoint);
      },
      runMachine: (machine, machineInput, nested) => runMachine(machine, machineInput, nested),
    };
    const timeout = this.watchTimeout(this.timeoutLeft(definition.TimeoutSeconds));
    try {
      const output = await runMachine(definition, input, context, startAt);
      this.output = output;
      this.close('SUCCEEDED', trail, 'ExecutionSucceeded', 'executionSucceededEventDetails', {
        output: jsonText(output),
        outputDetails: { truncated: false },
      });
    } catch (thrown) {
      this.closeOnError(thrown, trail);
    } finally {
      timeout.abort();
    }
  }

  // The machine's TimeoutSeconds count from the start: a resumed run has what was left when its
  // process died (its last event), the time the process was down not counted. (A redrive has it
  // all again, as on AWS.)
  private timeoutLeft(seconds: number | undefined): number | undefined {
    const last = this.history.list().at(-1);
    if (seconds === undefined || this.identity.redriveCount > 0 || last === undefined) {
      return seconds;
    }
    const elapsed = (last.timestamp.getTime() - this.identity.startTime.getTime()) / 1000;
    return Math.max(0, seconds - elapsed);
  }

  private watchTimeout(seconds: number | undefined): AbortController {
    const watch = new AbortController();
    if (seconds !== undefined) {
      this.clock.sleep(seconds, watch.signal, 'timeout').then(
        () => this.controller.abort(new Interrupted('TIMED_OUT')),
        () => undefined,
      );
    }
    return watch;
  }

  private closeOnError(thrown: unknown, trail: Trail): void {
    const reason: unknown = this.controller.signal.aborted
      ? this.controller.signal.reason
      : undefined;
    if (reason instanceof Interrupted && reason.reason === 'TIMED_OUT') {
      this.error = 'States.Timeout';
      this.close('TIMED_OUT', trail, 'ExecutionTimedOut', 'executionTimedOutEventDetails', {
        error: this.error,
      });
      return;
    }
    if (reason instanceof Interrupted) {
      this.close('ABORTED', trail, 'ExecutionAborted', 'executionAbortedEventDetails', {
        ...(this.error === undefined ? {} : { error: this.error }),
        ...(this.cause === undefined ? {} : { cause: this.cause }),
      });
      return;
    }
    const error = toStatesError(thrown);
    this.error = error.error;
    this.cause = error.cause;
    this.close('FAILED', trail, 'ExecutionFailed', 'executionFailedEventDetails', {
      error: error.error,
      cause: error.cause,
    });
  }

  /** Status, outcome and redrives as the saved history says, and where to go on. */
  private replay(saved: SavedRun): void {
    this.resumePoint = saved.resumePoint;
    for (const event of saved.events) {
      const status = STATUS_EVENTS[event.type];
      if (status === undefined) continue;
      const details = event.details ?? {};
      this.status = status;
      if (status === 'RUNNING') {
        this.identity.redriveCount = Number(details.redriveCount ?? this.identity.redriveCount + 1);
        this.redriveDate = event.timestamp;
        this.output = this.error = this.cause = this.stopDate = undefined;
        continue;
      }
      this.stopDate = event.timestamp;
      this.output = status === 'SUCCEEDED' ? JSON.parse(String(details.output)) : undefined;
      this.error = typeof details.error === 'string' ? details.error : undefined;
      this.cause = typeof details.cause === 'string' ? details.cause : undefined;
    }
  }

  /** Ends the run with its closing event; the stop date is that event's, as on AWS. */
  private close(
    status: ExecutionStatus,
    trail: Trail,
    type: HistoryEventType,
    detailsKey: string,
    details: Record<string, unknown>,
  ): void {
    this.status = status;
    const id = trail.add(type, detailsKey, details);
    this.stopDate = this.history.list()[id - 1]?.timestamp ?? this.clock.now();
  }
}
