/**
 * Runs the branches of a Parallel state or the iterations of an inline Map: each
 * in a variable scope of its own and on its own line of history events, at most
 * `maxConcurrency` at a time (0 = no limit). The first failure stops the others
 * and becomes the state's error, as the developer guide specifies.
 * https://docs.aws.amazon.com/step-functions/latest/dg/state-parallel.html
 * https://docs.aws.amazon.com/step-functions/latest/dg/state-map-inline.html
 */
import { abortReason, Interrupted, toStatesError } from '../errors';
import type { RunContext } from '../run-context';

export interface BranchHooks {
  started?(index: number, context: RunContext): void;
  succeeded?(index: number, context: RunContext): void;
  failed?(index: number, context: RunContext): void;
}

export const runBranches = async (
  count: number,
  maxConcurrency: number,
  context: RunContext,
  run: (index: number, branchContext: RunContext) => Promise<unknown>,
  hooks: BranchHooks = {},
): Promise<unknown[]> => {
  const siblings = new AbortController();
  const stopSiblings = (): void => siblings.abort(context.signal.reason);
  context.signal.addEventListener('abort', stopSiblings, { once: true });
  const results: unknown[] = new Array<unknown>(count);
  let next = 0;
  let firstError: unknown;
  const worker = async (): Promise<void> => {
    while (next < count && firstError === undefined) {
      const index = next;
      next += 1;
      const branchContext: RunContext = {
        ...context,
        signal: siblings.signal,
        trail: context.trail.branch(),
        variables: context.variables.child(),
        onStateEntered: undefined,
      };
      hooks.started?.(index, branchContext);
      try {
        results[index] = await run(index, branchContext);
        hooks.succeeded?.(index, branchContext);
      } catch (error) {
        if (firstError === undefined && !siblings.signal.aborted) {
          firstError = error;
          hooks.failed?.(index, branchContext);
          siblings.abort(new Interrupted('SIBLING_FAILED'));
        }
      }
    }
  };
  const workers = Math.min(count, maxConcurrency > 0 ? maxConcurrency : count);
  try {
    await Promise.all(Array.from({ length: workers }, () => worker()));
  } finally {
    context.signal.removeEventListener('abort', stopSiblings);
  }
  if (context.signal.aborted) throw abortReason(context.signal);
  if (firstError !== undefined) throw toStatesError(firstError);
  // Branches' events are on their own lines; the state's next event follows the last of them.
  context.trail.follow();
  return results;
};
