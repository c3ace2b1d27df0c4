import { Execution as Run, scaledClock } from './interpreter';
import { Execution, type ExecutionIdentity } from './execution';
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
  /** Told of every start, end and redrive (EventBridge's execution status changes). */
  onStatusChange: (change: ExecutionStatusChange) => void;
}

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
  const run = new Run({
    definition: machine.definition,
    input: inputValue,
    clock: scaledClock(settings.timeScale, 1),
    resolveTask: (_resource, stateName) => lambdaTaskHandler(machine, stateName),
    executionArn: identity.executionArn,
    executionName: identity.name,
    stateMachineArn: machine.arn,
    roleArn: identity.roleArn,
    region: settings.region,
  });
  const execution = new Execution(identity, input, run, settings.onStatusChange);
  execution.start();
  return execution;
};
