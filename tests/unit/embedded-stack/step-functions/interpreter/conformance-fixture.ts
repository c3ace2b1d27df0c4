// Loads the ASL conformance fixtures (tests/conformance/asl/*.yml) and runs one:
// each fixture is a state machine, an input, scripted task responses, and the
// documented outcome (status, output or error and cause, history event types).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import {
  Execution,
  scaledClock,
  StatesError,
} from '../../../../../embedded-stack/step-functions/interpreter';
import type {
  ExecutionStatus,
  StateMachineDefinition,
  TaskHandler,
} from '../../../../../embedded-stack/step-functions/interpreter';

/** One scripted answer of a task: a result, the task's own input, or an error; optionally late. */
interface TaskResponse {
  result?: unknown;
  echo?: boolean;
  error?: string;
  cause?: string;
  delaySeconds?: number;
}

export interface Expected {
  status: ExecutionStatus;
  output?: unknown;
  error?: string;
  cause?: string;
  events?: string[];
  /** The payloads each task received, in order, by task name. */
  calls?: Record<string, unknown[]>;
}

export interface Fixture {
  file: string;
  description: string;
  definition: StateMachineDefinition;
  input?: unknown;
  /** Task name (the last part of the Resource ARN) -> its answers in order; the last one repeats. */
  tasks?: Record<string, TaskResponse[]>;
  expected: Expected;
  /** Parallel branches run at once: compare the event types as a multiset. */
  unorderedEvents?: boolean;
  /** Stop the execution after this many seconds of state-machine time. */
  stopAfterSeconds?: number;
  redrive?: { tasks?: Record<string, TaskResponse[]>; expected: Expected };
}

const FIXTURES = join(__dirname, '../../../../conformance/asl');

export const loadFixtures = (): Fixture[] =>
  readdirSync(FIXTURES)
    .filter((file) => file.endsWith('.yml'))
    .sort()
    .map((file) => ({
      file,
      ...(parse(readFileSync(join(FIXTURES, file), 'utf8')) as Omit<Fixture, 'file'>),
    }));

const TIME_SCALE = 0.001;

export interface FixtureRun {
  execution: Execution;
  calls: Record<string, unknown[]>;
  setTasks(tasks: Record<string, TaskResponse[]> | undefined): void;
}

export const startFixture = (fixture: Fixture): { run: FixtureRun; done: Promise<void> } => {
  const clock = scaledClock(TIME_SCALE);
  const calls: Record<string, unknown[]> = {};
  let scripts: Record<string, TaskResponse[]> = {};
  const handler =
    (name: string): TaskHandler =>
    async (input, { signal }) => {
      const seen = (calls[name] ??= []);
      seen.push(input);
      const script = scripts[name] ?? [{ echo: true }];
      const response = script[Math.min(seen.length - 1, script.length - 1)] ?? { echo: true };
      if (response.delaySeconds !== undefined) await clock.sleep(response.delaySeconds, signal);
      if (response.error !== undefined) throw new StatesError(response.error, response.cause ?? '');
      return response.echo === true ? input : response.result;
    };
  const execution = new Execution({
    definition: fixture.definition,
    input: fixture.input ?? {},
    clock,
    random: () => 0.5,
    executionName: fixture.file,
    resolveTask: (resource) => handler(resource.split(':').at(-1) ?? resource),
  });
  const run: FixtureRun = {
    execution,
    calls,
    setTasks: (tasks) => {
      scripts = tasks ?? {};
    },
  };
  run.setTasks(fixture.tasks);
  const done = execution.start();
  if (fixture.stopAfterSeconds !== undefined) {
    void clock
      .sleep(fixture.stopAfterSeconds, new AbortController().signal)
      .then(() => execution.stop('Stopped', 'by the fixture'));
  }
  return { run, done };
};
