import {
  backoffSeconds,
  RetryCounter,
} from '../../../../../embedded-stack/step-functions/interpreter/retry-policy';

describe('backoffSeconds', () => {
  it('starts at IntervalSeconds and multiplies by BackoffRate per attempt made, with defaults 1 and 2', () => {
    expect([0, 1, 2, 3].map((made) => backoffSeconds({ ErrorEquals: ['X'] }, made))).toEqual([
      1, 2, 4, 8,
    ]);
    expect(
      [0, 1, 2].map((made) =>
        backoffSeconds({ ErrorEquals: ['X'], IntervalSeconds: 3, BackoffRate: 1.5 }, made),
      ),
    ).toEqual([3, 4.5, 6.75]);
  });

  it('never exceeds MaxDelaySeconds', () => {
    const retrier = { ErrorEquals: ['X'], IntervalSeconds: 1, BackoffRate: 2, MaxDelaySeconds: 4 };
    expect([0, 1, 2, 3, 10].map((made) => backoffSeconds(retrier, made))).toEqual([1, 2, 4, 4, 4]);
  });

  it('draws a FULL jitter delay between 0 and the capped backoff', () => {
    const retrier = { ErrorEquals: ['X'], MaxDelaySeconds: 4, JitterStrategy: 'FULL' as const };
    expect(backoffSeconds(retrier, 5, () => 0)).toBe(0);
    expect(backoffSeconds(retrier, 5, () => 0.25)).toBe(1);
    expect(backoffSeconds(retrier, 1, () => 0.5)).toBe(1);
  });
});

describe('RetryCounter', () => {
  it('retries MaxAttempts times (3 by default) and then gives up', () => {
    const counter = new RetryCounter([{ ErrorEquals: ['States.ALL'] }], () => 0);
    const decisions = [1, 2, 3, 4].map(() => counter.decide('Boom').retry);
    expect(decisions).toEqual([true, true, true, false]);
    expect(counter.retryCount).toBe(3);
  });

  it('never retries with MaxAttempts 0 or when no Retrier matches', () => {
    const counter = new RetryCounter([{ ErrorEquals: ['Busy'], MaxAttempts: 0 }]);
    expect(counter.decide('Busy')).toEqual({ retry: false });
    expect(counter.decide('Other')).toEqual({ retry: false });
  });

  it('counts each Retrier apart', () => {
    const counter = new RetryCounter([
      { ErrorEquals: ['A'], MaxAttempts: 1 },
      { ErrorEquals: ['B'], MaxAttempts: 1 },
    ]);
    expect([
      counter.decide('A').retry,
      counter.decide('B').retry,
      counter.decide('A').retry,
    ]).toEqual([true, true, false]);
    expect(counter.retryCount).toBe(2);
  });
});
