/**
 * The local Step Functions endpoint's own cost per state transition: the order saga's ASL
 * (statemachines/order-saga.asl.yml) run by our interpreter in this process, with tasks that
 * answer at once, so what is timed is the interpreter alone (JSONata Arguments, Assign and Output,
 * Retry and Catch matching, the history it records). Two paths: every step succeeds (7 transitions)
 * and BookDelivery fails with a business error, caught into the undo path (9 transitions).
 *
 * The stack phase's "between states" figure is the same cost seen from outside (the histories of
 * real executions, where the interpreter also waits on HTTP to the Lambda workers); this one has
 * no neighbours, so it is the interpreter's floor. `npm run bench:interpreter` runs it alone.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parse } from 'yaml';
import {
  Execution,
  scaledClock,
  StatesError,
  type StateMachineDefinition,
} from '../embedded-stack/step-functions/interpreter';

const SAGA_FILE = resolve(__dirname, '..', 'statemachines', 'order-saga.asl.yml');

const ORDER = {
  orderId: 'o-bench',
  userId: 'u-bench',
  items: [{ productId: 'p-1', quantity: 2 }],
  total: 500,
  currency: 'USD',
  deliverySlotId: 's-1',
};

export interface InterpreterPathFigures {
  executions: number;
  transitionsPerExecution: number;
  /** Wall time per state transition, mean over the measured executions. */
  microsecondsPerTransition: number;
  /**
   * This process's CPU time (user + system) per transition: what the interpreter costs whatever
   * else runs on the machine (wall time also counts the neighbours' share of the cores).
   */
  cpuMicrosecondsPerTransition: number;
  executionsPerSecond: number;
}

export interface InterpreterSpeed {
  success: InterpreterPathFigures;
  undo: InterpreterPathFigures;
}

/** The ASL as serverless.yml includes it, each Task's Resource an ARN named after its state. */
function sagaDefinition(): StateMachineDefinition {
  const definition = parse(readFileSync(SAGA_FILE, 'utf8'), {
    merge: true,
  }) as StateMachineDefinition;
  for (const [name, state] of Object.entries(definition.States)) {
    if (state.Type === 'Task')
      state.Resource = `arn:aws:lambda:us-east-1:000000000000:function:${name}`;
  }
  return definition;
}

async function runOnce(definition: StateMachineDefinition, failAt?: string): Promise<number> {
  const execution = new Execution({
    definition,
    input: ORDER,
    clock: scaledClock(0),
    resolveTask: (_resource, step) => () =>
      step === failAt
        ? Promise.reject(new StatesError('SlotUnavailable', 'no slot left (bench)'))
        : Promise.resolve({ outcome: 'done' }),
  });
  await execution.start();
  await execution.done();
  if (execution.status !== 'SUCCEEDED')
    throw new Error(`The bench execution ended ${execution.status}: ${execution.error ?? ''}`);
  return execution.history.list().filter((event) => event.type.endsWith('StateEntered')).length;
}

async function measurePath(
  definition: StateMachineDefinition,
  executions: number,
  failAt?: string,
): Promise<InterpreterPathFigures> {
  // Warm the JIT and JSONata's expression cache first: a long-running endpoint is warm.
  for (let i = 0; i < Math.min(50, executions); i++) await runOnce(definition, failAt);
  let transitions = 0;
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  for (let i = 0; i < executions; i++) transitions += await runOnce(definition, failAt);
  const cpu = process.cpuUsage(cpuBefore);
  const elapsedMs = performance.now() - started;
  return {
    executions,
    transitionsPerExecution: transitions / executions,
    microsecondsPerTransition: (elapsedMs * 1000) / transitions,
    cpuMicrosecondsPerTransition: (cpu.user + cpu.system) / transitions,
    executionsPerSecond: (executions * 1000) / elapsedMs,
  };
}

export async function measureInterpreter(executions = 500): Promise<InterpreterSpeed> {
  const definition = sagaDefinition();
  return {
    success: await measurePath(definition, executions),
    undo: await measurePath(definition, executions, 'BookDelivery'),
  };
}

export const formatInterpreterSpeed = (speed: InterpreterSpeed): string[] => [
  'Interpreter alone (the saga ASL in-process, tasks answer at once)',
  ...(['success', 'undo'] as const).map((path) => {
    const figures = speed[path];
    return `  ${path.padEnd(8)} ${figures.cpuMicrosecondsPerTransition.toFixed(0).padStart(5)} µs CPU, ${figures.microsecondsPerTransition.toFixed(0).padStart(5)} µs wall per transition (${figures.transitionsPerExecution} transitions, ${figures.executions} executions, ${figures.executionsPerSecond.toFixed(0)} executions/s)`;
  }),
];

if (require.main === module) {
  measureInterpreter(Number(process.argv[2] ?? 500)).then(
    (speed) => console.log(formatInterpreterSpeed(speed).join('\n')),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
