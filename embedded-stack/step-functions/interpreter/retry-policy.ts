/**
 * Retry as the developer guide specifies it: the first Retrier whose ErrorEquals
 * matches decides; each Retrier counts its own attempts; MaxAttempts (default 3,
 * 0 = never) bounds them; the interval is IntervalSeconds (default 1) times
 * BackoffRate (default 2.0) to the power of the attempts made, capped at
 * MaxDelaySeconds; JitterStrategy FULL draws the delay uniformly from 0 to it.
 * https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html#error-handling-retrying-after-an-error
 */
import { errorMatches } from './errors';
import type { Retrier } from './types';

export type RetryDecision = { retry: false } | { retry: true; delaySeconds: number };

export const backoffSeconds = (
  retrier: Retrier,
  attemptsMade: number,
  random: () => number = Math.random,
): number => {
  const interval = retrier.IntervalSeconds ?? 1;
  const rate = retrier.BackoffRate ?? 2;
  const uncapped = interval * rate ** attemptsMade;
  const capped =
    retrier.MaxDelaySeconds === undefined ? uncapped : Math.min(uncapped, retrier.MaxDelaySeconds);
  return retrier.JitterStrategy === 'FULL' ? random() * capped : capped;
};

/** The retry state of one state's run: created when the state is entered, dropped when it exits. */
export class RetryCounter {
  private readonly attempts = new Map<number, number>();

  constructor(
    private readonly retriers: readonly Retrier[],
    private readonly random: () => number = Math.random,
  ) {}

  /** The number of retries made so far, as `$$.State.RetryCount` shows it. */
  get retryCount(): number {
    let total = 0;
    for (const count of this.attempts.values()) total += count;
    return total;
  }

  decide(error: string): RetryDecision {
    const index = this.retriers.findIndex((retrier) => errorMatches(retrier.ErrorEquals, error));
    const retrier = this.retriers[index];
    if (retrier === undefined) return { retry: false };
    const made = this.attempts.get(index) ?? 0;
    if (made >= (retrier.MaxAttempts ?? 3)) return { retry: false };
    this.attempts.set(index, made + 1);
    return { retry: true, delaySeconds: backoffSeconds(retrier, made, this.random) };
  }
}
