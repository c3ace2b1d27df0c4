// The saga's definition as a graph of steps and transitions, each step given its column: the
// forward steps, the undo steps (entered only through a Catch), and the ends. Pure: no layout,
// no rendering, so `npm run saga:graph` and the console draw the same thing.
import type { AslDefinition, AslState } from './asl';

export type Column = 'forward' | 'undo' | 'failure';

export interface GraphNode {
  id: string;
  type: string;
  column: Column;
  /** How many times a transient error is retried before the Catch takes over. */
  retries: number;
}

export interface GraphEdge {
  id: string;
  from: string;
  to: string;
  /** `catch`: where an error the step could not retry away goes. */
  kind: 'next' | 'catch';
}

export interface SagaGraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

const nextsOf = (state: AslState): string[] => [
  ...(state.Next ? [state.Next] : []),
  ...(state.Default ? [state.Default] : []),
  ...(state.Choices ?? []).map((choice) => choice.Next),
];

export function edgesOf(definition: AslDefinition): GraphEdge[] {
  const edges: GraphEdge[] = [];
  for (const [from, state] of Object.entries(definition.States)) {
    for (const to of new Set(nextsOf(state)))
      edges.push({ id: `${from}->${to}`, from, to, kind: 'next' });
    for (const to of new Set((state.Catch ?? []).map((catcher) => catcher.Next)))
      edges.push({ id: `${from}-catch->${to}`, from, to, kind: 'catch' });
  }
  return edges;
}

/**
 * The states reachable from `start` through Next transitions only; through a Choice's Default
 * only too, when `defaultsOnly` (its rules are the exceptions, like a Catch).
 */
function reachableByNext(
  definition: AslDefinition,
  starts: string[],
  defaultsOnly = false,
): Set<string> {
  const seen = new Set<string>();
  const queue = [...starts];
  for (let name = queue.shift(); name !== undefined; name = queue.shift()) {
    const state = definition.States[name];
    if (seen.has(name) || !state) continue;
    seen.add(name);
    queue.push(...(defaultsOnly ? nextsOf({ ...state, Choices: [] }) : nextsOf(state)));
  }
  return seen;
}

/**
 * Forward: the happy path from StartAt (a Choice's Default is the happy way on). Undo: what a
 * Catch of a forward step, or a rule of a forward Choice, enters, and what follows it. Failure:
 * what a Catch of an undo step enters (the compensation failed).
 */
export function sagaGraph(definition: AslDefinition): SagaGraph {
  const forward = reachableByNext(definition, [definition.StartAt], true);
  const catchTargets = (names: Set<string>) =>
    [...names].flatMap((name) => [
      ...(definition.States[name]?.Catch ?? []).map((catcher) => catcher.Next),
      ...(definition.States[name]?.Choices ?? []).map((choice) => choice.Next),
    ]);
  const undo = reachableByNext(
    definition,
    catchTargets(forward).filter((name) => !forward.has(name)),
  );
  for (const name of forward) undo.delete(name);
  const columnOf = (name: string): Column =>
    forward.has(name) ? 'forward' : undo.has(name) ? 'undo' : 'failure';
  const nodes = Object.entries(definition.States).map(([id, state]) => ({
    id,
    type: state.Type,
    column: columnOf(id),
    retries: (state.Retry ?? []).reduce((sum, retrier) => sum + (retrier.MaxAttempts ?? 3), 0),
  }));
  return { nodes, edges: edgesOf(definition) };
}
