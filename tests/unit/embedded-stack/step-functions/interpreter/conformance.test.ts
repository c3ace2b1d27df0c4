import { loadFixtures, startFixture, type Expected, type FixtureRun } from './conformance-fixture';

/** The execution's outcome, in the fixture's terms, with only the fields the fixture states. */
const outcome = (
  run: FixtureRun,
  expected: Expected,
  sinceEvent: number,
  unorderedEvents = false,
): Record<string, unknown> => {
  const { execution } = run;
  const events = execution.history
    .list()
    .slice(sinceEvent)
    .map((event) => event.type);
  const actual: Record<string, unknown> = {
    status: execution.status,
    output: execution.output,
    error: execution.error,
    cause: execution.cause,
    events: unorderedEvents ? events.sort() : events,
    calls: run.calls,
  };
  return Object.fromEntries(Object.keys(expected).map((key) => [key, actual[key]]));
};

const fixtures = loadFixtures();

describe('ASL conformance fixtures', () => {
  it.each(fixtures.map((fixture) => [fixture.file, fixture] as const))(
    '%s',
    async (_file, fixture) => {
      const { run, done } = startFixture(fixture);
      await done;
      const unordered = fixture.unorderedEvents === true;
      const expected = unordered
        ? { ...fixture.expected, events: [...(fixture.expected.events ?? [])].sort() }
        : fixture.expected;
      expect(outcome(run, fixture.expected, 0, unordered)).toEqual(expected);
    },
  );

  const redriven = fixtures.flatMap((fixture) =>
    fixture.redrive ? [[fixture.file, fixture, fixture.redrive] as const] : [],
  );
  it.each(redriven)('%s, redriven', async (_file, fixture, redrive) => {
    const { run, done } = startFixture(fixture);
    await done;
    const before = run.execution.history.list().length;
    for (const name of Object.keys(run.calls)) delete run.calls[name];
    run.setTasks(redrive.tasks);
    await run.execution.redrive();
    expect(outcome(run, redrive.expected, before)).toEqual(redrive.expected);
  });
});
