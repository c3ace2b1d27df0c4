/**
 * The local endpoint's executions on disk, so that a restarted stack still lists, describes and
 * shows the history of every execution, and goes on with those that were running. Our own code:
 * Step Functions Local keeps nothing, and a database would be one more process to start.
 *
 * One file of JSON lines per execution, `<state machine>/<execution name>.jsonl`, only ever
 * appended to, one whole line per write(2) (the process may be killed at any moment, -9 included;
 * what the kernel took survives it): first the execution (ARNs, input, start date), then each
 * history event as it happens and, before each top-level state is entered, the resume point
 * (the state, its input and the variables: what the history alone does not hold). A line cut
 * short by a kill is the file's last: reading drops it and cuts the file back to its last whole
 * line, so that what comes next is appended after a newline. Status, outcome and redrives are
 * not written apart: the history's closing events say them (interpreter/execution.ts, replay).
 * Nothing is fsynced: this survives the process, not the machine.
 */
import {
  appendFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  truncateSync,
} from 'node:fs';
import { join } from 'node:path';
import * as z from 'zod';
import type { HistoryEvent, ResumePoint } from './interpreter';
import type { ExecutionIdentity } from './execution';

const executionRecordSchema = z.object({
  execution: z.object({
    executionArn: z.string(),
    name: z.string(),
    stateMachineArn: z.string(),
    roleArn: z.string(),
    input: z.string(),
    startDate: z.iso.datetime(),
  }),
});

const eventRecordSchema = z.object({
  event: z.looseObject({
    id: z.number().int().positive(),
    previousEventId: z.number().int().nonnegative(),
    timestamp: z.iso.datetime(),
    type: z.string(),
    detailsKey: z.string().optional(),
    details: z.record(z.string(), z.unknown()).optional(),
  }),
});

const resumeRecordSchema = z.object({
  resume: z.object({
    stateName: z.string(),
    input: z.unknown(),
    variables: z.record(z.string(), z.unknown()),
  }),
});

/** An execution as a file holds it. */
export interface SavedExecution {
  identity: ExecutionIdentity;
  input: string;
  startDate: Date;
  events: HistoryEvent[];
  resumePoint?: ResumePoint;
}

/** Where one execution's records go. */
export interface ExecutionRecorder {
  event: (event: HistoryEvent) => void;
  resumePoint: (point: ResumePoint) => void;
}

export interface ExecutionJournal {
  /** Starts the file of a new execution; its records follow through the recorder. */
  record(identity: ExecutionIdentity, input: string, startDate: Date): ExecutionRecorder;
  /** Appends to the file of an execution loaded from it. */
  continue(identity: ExecutionIdentity): ExecutionRecorder;
  /** Every execution the directory holds, oldest first. */
  load(): SavedExecution[];
  /** Writes nothing more: what is running now is saved as it was, and resumes on the next start. */
  close(): void;
}

export function openExecutionJournal(directory: string): ExecutionJournal {
  let closed = false;
  const append = (file: string, record: object): void => {
    if (!closed) appendFileSync(file, `${JSON.stringify(record)}\n`);
  };
  const recorderOf = (file: string): ExecutionRecorder => ({
    event: (event) => append(file, { event }),
    resumePoint: (point) => append(file, { resume: point }),
  });
  return {
    record(identity, input, startDate) {
      const file = fileOf(directory, identity);
      mkdirSync(join(file, '..'), { recursive: true });
      append(file, { execution: { ...identity, input, startDate: startDate.toISOString() } });
      return recorderOf(file);
    },
    continue: (identity) => recorderOf(fileOf(directory, identity)),
    load() {
      if (!existsSync(directory)) return [];
      const saved = readdirSync(directory, { recursive: true, encoding: 'utf8' })
        .filter((path) => path.endsWith('.jsonl'))
        .map((path) => readExecutionFile(join(directory, path)))
        .filter((execution) => execution !== undefined);
      return saved.sort((a, b) => a.startDate.getTime() - b.startDate.getTime());
    },
    close() {
      closed = true;
    },
  };
}

// Names are AWS's (no slash, no whitespace); encoded all the same, so any name is one file.
const fileOf = (directory: string, identity: ExecutionIdentity): string =>
  join(
    directory,
    encodeURIComponent(identity.stateMachineArn.split(':').at(-1) ?? 'machine'),
    `${encodeURIComponent(identity.name)}.jsonl`,
  );

/** One execution's file, repaired if a kill cut its last line short; undefined if it holds none. */
export function readExecutionFile(file: string): SavedExecution | undefined {
  const text = readFileSync(file, 'utf8');
  const whole = text.slice(0, text.lastIndexOf('\n') + 1);
  if (whole.length < text.length) truncateSync(file, Buffer.byteLength(whole));
  const [first, ...rest] = whole.split('\n').filter((line) => line.length > 0);
  if (first === undefined) return undefined;
  const { execution } = executionRecordSchema.parse(JSON.parse(first));
  const saved: SavedExecution = {
    identity: {
      executionArn: execution.executionArn,
      name: execution.name,
      stateMachineArn: execution.stateMachineArn,
      roleArn: execution.roleArn,
    },
    input: execution.input,
    startDate: new Date(execution.startDate),
    events: [],
  };
  for (const line of rest) {
    const record: unknown = JSON.parse(line);
    const event = eventRecordSchema.safeParse(record);
    if (event.success) {
      saved.events.push({
        ...event.data.event,
        timestamp: new Date(event.data.event.timestamp),
      } as HistoryEvent);
      continue;
    }
    saved.resumePoint = resumeRecordSchema.parse(record).resume;
  }
  return saved;
}
