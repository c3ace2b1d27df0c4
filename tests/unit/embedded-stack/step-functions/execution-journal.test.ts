import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  openExecutionJournal,
  readExecutionFile,
} from '../../../../embedded-stack/step-functions/execution-journal';
import type { HistoryEvent } from '../../../../embedded-stack/step-functions/interpreter';

const identity = (name: string) => ({
  executionArn: `arn:aws:states:eu-west-1:000000000000:execution:saga:${name}`,
  name,
  stateMachineArn: 'arn:aws:states:eu-west-1:000000000000:stateMachine:saga',
  roleArn: 'arn:aws:iam::000000000000:role/saga',
});

const event = (id: number, type: HistoryEvent['type'], at: string): HistoryEvent => ({
  id,
  previousEventId: id - 1,
  timestamp: new Date(at),
  type,
  detailsKey: 'stateEnteredEventDetails',
  details: { name: `state ${id}`, input: '{"n":1}' },
});

let directory: string;
beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'execution-journal-'));
});
afterEach(() => rmSync(directory, { recursive: true, force: true }));

/** The one execution file the journal wrote. */
const onlyFile = (): string => {
  const [file, ...others] = readdirSync(directory, { recursive: true, encoding: 'utf8' }).filter(
    (path) => path.endsWith('.jsonl'),
  );
  expect(others).toEqual([]);
  return join(directory, file ?? '');
};

describe('the execution journal', () => {
  it('gives back each execution with its events and its last resume point, oldest first', () => {
    const journal = openExecutionJournal(directory);
    const later = journal.record(identity('b'), '{"b":true}', new Date('2026-01-01T00:00:02Z'));
    const earlier = journal.record(identity('a'), '{"a":true}', new Date('2026-01-01T00:00:01Z'));
    earlier.resumePoint({ stateName: 'First', input: { a: true }, variables: {} });
    earlier.event(event(1, 'TaskStateEntered', '2026-01-01T00:00:01.5Z'));
    earlier.resumePoint({ stateName: 'Second', input: { a: 2 }, variables: { orderId: 'a' } });
    later.event(event(1, 'PassStateEntered', '2026-01-01T00:00:03Z'));

    const loaded = openExecutionJournal(directory).load();

    expect(loaded.map((saved) => saved.identity.name)).toEqual(['a', 'b']);
    expect(loaded[0]).toEqual({
      identity: identity('a'),
      input: '{"a":true}',
      startDate: new Date('2026-01-01T00:00:01Z'),
      events: [event(1, 'TaskStateEntered', '2026-01-01T00:00:01.5Z')],
      resumePoint: { stateName: 'Second', input: { a: 2 }, variables: { orderId: 'a' } },
    });
    expect(loaded[1]?.resumePoint).toBeUndefined();
  });

  it('writes nothing once closed', () => {
    const journal = openExecutionJournal(directory);
    const recorder = journal.record(identity('a'), '{}', new Date());
    recorder.event(event(1, 'TaskStateEntered', '2026-01-01T00:00:01Z'));
    journal.close();
    recorder.event(event(2, 'TaskStateEntered', '2026-01-01T00:00:02Z'));

    expect(
      openExecutionJournal(directory)
        .load()[0]
        ?.events.map((e) => e.id),
    ).toEqual([1]);
  });

  it('reads an empty or missing directory as no executions', () => {
    expect(openExecutionJournal(join(directory, 'missing')).load()).toEqual([]);
    expect(openExecutionJournal(directory).load()).toEqual([]);
  });

  it('is readable wherever a kill cut it, and goes on after the last whole line', () => {
    const journal = openExecutionJournal(directory);
    const recorder = journal.record(identity('a'), '{"a":1}', new Date('2026-01-01T00:00:00Z'));
    for (let id = 1; id <= 4; id += 1) {
      recorder.resumePoint({ stateName: `state ${id}`, input: { id }, variables: { id } });
      recorder.event(event(id, 'TaskStateEntered', `2026-01-01T00:00:0${id}Z`));
    }
    const file = onlyFile();
    const whole = readFileSync(file);
    const lineEnds = [...whole.entries()].filter(([, byte]) => byte === 0x0a).map(([at]) => at);

    // Around every line's end (before, at, after its newline), inside every line, and the ends.
    const cuts = [0, whole.length, ...lineEnds.flatMap((end) => [end - 20, end - 1, end, end + 1])];
    for (const cut of cuts.filter((at) => at >= 0 && at <= whole.length)) {
      writeFileSync(file, whole.subarray(0, cut));
      const saved = readExecutionFile(file);
      const linesKept = lineEnds.filter((end) => end < cut).length;
      // Every whole line is kept; a line cut short is dropped, and the file ends after a newline.
      expect(saved?.events.length ?? 0).toBe(Math.max(0, Math.floor((linesKept - 1) / 2)));
      expect(saved === undefined).toBe(linesKept === 0);
      expect(readFileSync(file).length).toBe(
        linesKept === 0 ? 0 : (lineEnds[linesKept - 1] ?? 0) + 1,
      );
    }

    // Cut inside the last event: the next record appended after it is read back whole.
    writeFileSync(file, whole.subarray(0, whole.length - 5));
    readExecutionFile(file);
    openExecutionJournal(directory)
      .continue(identity('a'))
      .event(event(4, 'TaskStateExited', '2026-01-01T00:00:09Z'));
    expect(readExecutionFile(file)?.events.map((e) => `${e.id} ${e.type}`)).toEqual([
      '1 TaskStateEntered',
      '2 TaskStateEntered',
      '3 TaskStateEntered',
      '4 TaskStateExited',
    ]);
  });
});
