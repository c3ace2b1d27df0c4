import { runScenarios } from '../../../scripts/scenarios/run-scenarios';
import { adminAccount, baseUrl } from '../../support/http-client';

// `npm run scenarios` as part of npm test: the scenarios collection, run by newman against the
// test suite's stack, must pass every one of its assertions.
jest.setTimeout(180_000);

describe('the scenarios collection (npm run scenarios)', () => {
  it('passes every assertion: order to CONFIRMED, replays, duplicates, each cancellation undone, withdrawals', async () => {
    const { email, password } = adminAccount();

    const summary = await runScenarios(
      { baseUrl: baseUrl(), adminEmail: email, adminPassword: password },
      { reporters: [] },
    );

    const failures = summary.run.failures.map(
      (failure) => `${failure.source?.name ?? '?'}: ${failure.error.message}`,
    );
    expect(failures).toEqual([]);
    expect(summary.error).toBeUndefined();
    // Every request ran: none was skipped by a script error.
    expect(summary.run.stats.requests.failed).toBe(0);
    expect(summary.run.stats.assertions.total).toBeGreaterThanOrEqual(50);
  });
});
