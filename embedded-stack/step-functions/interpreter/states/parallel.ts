/**
 * A Parallel state's one attempt: every branch gets the state's effective input,
 * the result is the array of the branches' outputs in branch order.
 * https://docs.aws.amazon.com/step-functions/latest/dg/state-parallel.html
 */
import type { RunContext } from '../run-context';
import type { StateDefinition } from '../types';
import { runBranches } from './branches';

export const runParallel = async (
  state: StateDefinition,
  input: unknown,
  context: RunContext,
): Promise<unknown[]> => {
  const branches = state.Branches ?? [];
  context.trail.add('ParallelStateStarted');
  try {
    const results = await runBranches(branches.length, 0, context, (index, branchContext) => {
      const branch = branches[index];
      if (branch === undefined) throw new Error(`No branch ${index}`);
      return context.runMachine(branch, input, branchContext);
    });
    context.trail.add('ParallelStateSucceeded');
    return results;
  } catch (error) {
    if (!context.signal.aborted) {
      context.trail.follow();
      context.trail.add('ParallelStateFailed');
    }
    throw error;
  }
};
