/**
 * Errors in ASL terms: a name (`States.Timeout`, `PaymentDeclined`) and a cause.
 * https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html
 */

export class StatesError extends Error {
  constructor(
    readonly error: string,
    override readonly cause: string,
  ) {
    super(cause);
    this.name = error;
  }
}

/** The error output a Catcher gets: `{ Error, Cause }`. */
export interface ErrorOutput {
  Error: string;
  Cause: string;
}

/** A handler's thrown value in ASL terms: its `name` is the error, its message the cause. */
export const toStatesError = (thrown: unknown): StatesError => {
  if (thrown instanceof StatesError) return thrown;
  if (thrown instanceof Error) {
    const name = thrown.name === '' ? 'Error' : thrown.name;
    return new StatesError(name, thrown.message);
  }
  return new StatesError('Error', typeof thrown === 'string' ? thrown : JSON.stringify(thrown));
};

/**
 * Does a Retrier's or Catcher's ErrorEquals match this error? States.ALL matches
 * everything; States.TaskFailed matches any error except States.Timeout.
 */
export const errorMatches = (errorEquals: readonly string[], error: string): boolean =>
  errorEquals.some(
    (name) =>
      name === error ||
      name === 'States.ALL' ||
      (name === 'States.TaskFailed' && error !== 'States.Timeout'),
  );

/**
 * Why a run stopped from outside: StopExecution, the execution's TimeoutSeconds,
 * or (inside a Parallel or Map) a sibling branch's failure. Never caught by a
 * Retrier or Catcher.
 */
export class Interrupted extends Error {
  constructor(readonly reason: 'ABORTED' | 'TIMED_OUT' | 'SIBLING_FAILED') {
    super(`Execution interrupted: ${reason}`);
    this.name = 'Interrupted';
  }
}

/** States.Runtime is terminal: no Retrier or Catcher sees it (concepts-error-handling). */
export const isTerminal = (error: StatesError): boolean => error.error === 'States.Runtime';

/** The Error an aborted signal carries (an Interrupted, unless someone aborted it otherwise). */
export const abortReason = (signal: AbortSignal): Error =>
  signal.reason instanceof Error ? signal.reason : new Interrupted('ABORTED');
