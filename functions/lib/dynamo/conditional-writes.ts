import { setTimeout as sleep } from 'node:timers/promises';
import { ConcurrentUpdate } from '../errors';

// Helpers for repositories: recognising the SDK's condition and transaction
// failures, and the read-plan-write loop that makes guarded writes safe under
// concurrency.

interface CancellationReason {
  Code?: string;
}

const errorName = (error: unknown): string | undefined =>
  error instanceof Error ? error.name : undefined;

/** The per-item codes of a cancelled transaction, in request order. */
export const cancellationCodes = (error: unknown): string[] | undefined => {
  if (errorName(error) !== 'TransactionCanceledException') return undefined;
  const reasons = (error as { CancellationReasons?: CancellationReason[] }).CancellationReasons;
  return (reasons ?? []).map((reason) => reason.Code ?? 'None');
};

export const isConditionalCheckFailed = (error: unknown): boolean =>
  errorName(error) === 'ConditionalCheckFailedException';

/**
 * A guard no longer holds, or the request lost to a concurrent transaction
 * (TransactGetItems too can be cancelled by one): what was read is stale.
 */
export const isStaleWrite = (error: unknown): boolean => {
  const name = errorName(error);
  if (
    name === 'ConditionalCheckFailedException' ||
    name === 'TransactionConflictException' ||
    name === 'TransactionInProgressException'
  ) {
    return true;
  }
  const codes = cancellationCodes(error);
  return (
    codes !== undefined &&
    codes.some((code) => code === 'ConditionalCheckFailed' || code === 'TransactionConflict')
  );
};

const MAX_ATTEMPTS = 12;

/**
 * Runs read -> plan -> guarded write until it goes through. When a guard
 * fails or the reads or writes lose to a concurrent transaction, what was
 * read is stale: wait a little (jittered) and run the whole attempt again,
 * so the plan is made from fresh state. Anything else propagates. Gives up
 * with ConcurrentUpdate, a technical error the caller retries later.
 */
export const withOptimisticRetry = async <T>(
  operation: string,
  attempt: () => Promise<T>,
): Promise<T> => {
  for (let round = 0; round < MAX_ATTEMPTS; round++) {
    try {
      return await attempt();
    } catch (error) {
      if (!isStaleWrite(error)) throw error;
    }
    await sleep(Math.random() * Math.min(250, 5 * 2 ** round));
  }
  throw new ConcurrentUpdate(`${operation}: too many concurrent updates, try again`);
};
