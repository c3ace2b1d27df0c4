/**
 * One execution of a state machine: start, stop (ExecutionAborted), the machine's
 * TimeoutSeconds (ExecutionTimedOut), and redrive. A redrive continues a FAILED,
 * ABORTED or TIMED_OUT execution from the top-level state that did not finish,
 * with that state's input and the variables as they were when it was entered;
 * the history goes on after an ExecutionRedriven event and RedriveCount grows.
 * https://docs.aws.amazon.com/step-functions/latest/dg/redrive-executions.html
 * https://docs.aws.amazon.com/step-functions/latest/apireference/API_StartExecution.html
 */
import { scaledClock, type Clock } from './clock';
import { Interrupted, StatesError, toStatesError } from './errors';
import { History, jsonText, Trail, type HistoryListener } from './history';
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
}

interface ResumePoint {
  stateName: string;
  input: unknown;
  variables: Record<string, unknown>;
}

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
    this.history = new History(() => this.clock.now(), options.onEvent);
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
      startTime: this.clock.now(),
      input: options.input ?? {},
      redriveCount: 0,
    };
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
      },
      runMachine: (machine, machineInput, nested) => runMachine(machine, machineInput, nested),
    };
    const timeout = this.watchTimeout(definition.TimeoutSeconds);
    try {
      const output = await runMachine(definition, input, context, startAt);
      this.close('SUCCEEDED');
      this.output = output;
      trail.add('ExecutionSucceeded', 'executionSucceededEventDetails', {
        output: jsonText(output),
        outputDetails: { truncated: false },
      });
    } catch (thrown) {
      this.closeOnError(thrown, trail);
    } finally {
      timeout.abort();
    }
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
      this.close('TIMED_OUT');
      this.error = 'States.Timeout';
      trail.add('ExecutionTimedOut', 'executionTimedOutEventDetails', { error: this.error });
      return;
    }
    if (reason instanceof Interrupted) {
      this.close('ABORTED');
      trail.add('ExecutionAborted', 'executionAbortedEventDetails', {
        ...(this.error === undefined ? {} : { error: this.error }),
        ...(this.cause === undefined ? {} : { cause: this.cause }),
      });
      return;
    }
    const error = toStatesError(thrown);
    this.close('FAILED');
    this.error = error.error;
    this.cause = error.cause;
    trail.add('ExecutionFailed', 'executionFailedEventDetails', {
      error: error.error,
      cause: error.cause,
    });
  }

  private close(status: ExecutionStatus): void {
    this.status = status;
    this.stopDate = this.clock.now();
  }
}
