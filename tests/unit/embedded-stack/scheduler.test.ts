import { ratePeriodMs, scheduleRulesOf } from '../../../embedded-stack/scheduler';
import type { ResolvedServerlessConfig } from '../../../embedded-stack/serverless-config';

const configWith = (functions: Record<string, { events?: unknown[] }>) =>
  ({
    functions: Object.fromEntries(
      Object.entries(functions).map(([key, fn]) => [
        key,
        { handler: 'h.handler', name: key, ...fn },
      ]),
    ),
  }) as unknown as ResolvedServerlessConfig;

describe('the local schedule rules (embedded-stack/scheduler.ts)', () => {
  it.each([
    ['rate(1 minute)', 60_000],
    ['rate(5 minutes)', 300_000],
    ['rate(1 hour)', 3_600_000],
    ['rate(2 days)', 172_800_000],
  ])('runs %s every %i ms', (expression, period) => {
    expect(ratePeriodMs(expression)).toBe(period);
  });

  it.each([
    'cron(0 12 * * ? *)',
    'rate(0 minutes)',
    'rate(1 minutes)',
    'rate(5 minute)',
    'rate(1 second)',
  ])('refuses %s at start rather than never running it', (expression) => {
    expect(() => ratePeriodMs(expression)).toThrow(expression);
  });

  it("reads every function's schedule events in serverless.yml's forms, skipping disabled ones", () => {
    const rules = scheduleRulesOf(
      configWith({
        sweep: { events: [{ schedule: { rate: 'rate(1 minute)' } }] },
        report: { events: [{ schedule: 'rate(1 hour)' }, { httpApi: 'GET /x' }] },
        both: { events: [{ schedule: { rate: ['rate(2 hours)', 'rate(1 day)'] } }] },
        off: { events: [{ schedule: { rate: 'rate(1 minute)', enabled: false } }] },
        http: { events: [{ httpApi: 'GET /y' }] },
      }),
    );
    expect(rules).toEqual([
      { functionKey: 'sweep', expression: 'rate(1 minute)', periodMs: 60_000 },
      { functionKey: 'report', expression: 'rate(1 hour)', periodMs: 3_600_000 },
      { functionKey: 'both', expression: 'rate(2 hours)', periodMs: 7_200_000 },
      { functionKey: 'both', expression: 'rate(1 day)', periodMs: 86_400_000 },
    ]);
  });
});
