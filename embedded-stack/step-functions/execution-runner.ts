import { Execution as Run, scaledClock, type ExecutionOptions } from './interpreter';
import { Execution, type ExecutionIdentity } from './execution';
import type { ExecutionJournal, ExecutionRecorder, SavedExecution } from './execution-journal';
import type { JsonValue } from './json';
import { lambdaTaskHandler } from './lambda-task';
import type { RegisteredStateMachine } from './state-machine-registry';
import type { ExecutionStatusChange } from './types';

export interface RunSettings {
  region: string;
  /**
   * Scales Wait states and Retry intervals (SHOP_SFN_TIME_SCALE); 1 is real time. Timeouts stay
   * real: a handler slowed by a busy machine must not time out for a scaled-down TimeoutSeconds.
   */
  timeScale: number;
  /** Where executions are kept between runs of the stack (none: in memory only). */
  journal?: ExecutionJournal;
  /** Told of every start, end and redrive (EventBridge's execution status changes). */
  onStatusChange: (change: ExecutionStatusChange) => void;
}

const runOptions = (
  machine: RegisteredStateMachine,
  identity: ExecutionIdentity,
  settings: RunSettings,
): Omit<ExecutionOptions, 'input'> => ({
  definition: machine.definition,
  clock: scaledClock(settings.timeScale, 1),
  resolveTask: (_resource, stateName) => lambdaTaskHandler(machine, stateName),
  executionArn: identity.executionArn,
  executionName: identity.name,
  stateMachineArn: machine.arn,
  roleArn: identity.roleArn,
  region: settings.region,
});

/**
 * Creates the execution and starts it in the background on our ASL interpreter
 * (embedded-stack/step-functions/interpreter). Its status and history change as
 * the run goes; nothing here waits for it to end.
 */
export const runExecution = (
  machine: RegisteredStateMachine,
  identity: ExecutionIdentity,
  input: string,
  inputValue: JsonValue,
  settings: RunSettings,
): Execution => {
  const journaled: { recorder?: ExecutionRecorder } = {};
  const run = new Run({
    ...runOptions(machine, identity, settings),
    input: inputValue,
    onEvent: (event) => journaled.recorder?.event(event),
    onResumePoint: (point) => journaled.recorder?.resumePoint(point),
  });
  // Its file starts with the run's start date, before its first event (start() appends it).
  journaled.recorder = settings.journal?.record(identity, input, run.identity.startTime);
  const execution = new Execution(identity, input, run, settings.onStatusChange);
  execution.start();
  return execution;
};

/**
 * An execution of an earlier run of the stack, from the journal, as it was. One that was running
 * when that process died is RUNNING, and goes on when `resume()` is called (the stack calls it
 * once the handlers' dependencies answer).
 */
export const restoreExecution = (
  machine: RegisteredStateMachine,
  saved: SavedExecution,
  settings: RunSettings,
): Execution => {
  const recorder = settings.journal?.continue(saved.identity);
  const run = new Run({
    ...runOptions(machine, saved.identity, settings),
    restored: {
      startTime: saved.startDate,
      input: JSON.parse(saved.input) as unknown,
      events: saved.events,
      resumePoint: saved.resumePoint,
    },
    onEvent: recorder?.event,
    onResumePoint: recorder?.resumePoint,
  });
  return new Execution(saved.identity, saved.input, run, settings.onStatusChange);
};
