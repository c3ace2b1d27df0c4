// One execution's path over the graph: what happened in each state it entered and which
// transitions it took, from a SagaTrace (API.md).
import type { TraceStep } from './asl';
import type { GraphEdge } from './graph';

/** How a state ended for this execution; `retried` when it succeeded only after retries. */
export type StepOutcome = 'succeeded' | 'retried' | 'caught' | 'failed' | 'running';

export interface StepVisit {
  outcome: StepOutcome;
  attempts: number;
  startedAt: string;
  endedAt?: string;
  /** The error of the attempt that decided, or of the last retried one. */
  error?: string;
}

export interface ExecutionPath {
  visits: Map<string, StepVisit>;
  /** Ids of the edges the execution took. */
  takenEdges: Set<string>;
}

const outcomeOf = (step: TraceStep): StepOutcome => {
  if (!step.endedAt && step.status === 'SUCCEEDED') return 'running';
  if (step.status === 'CAUGHT') return 'caught';
  if (step.status === 'FAILED') return 'failed';
  if (step.status === 'RETRIED') return 'running';
  return 'succeeded';
};

export function executionPath(steps: TraceStep[], edges: GraphEdge[]): ExecutionPath {
  const visits = new Map<string, StepVisit>();
  const order: string[] = [];
  for (const step of steps) {
    const before = visits.get(step.state);
    const attempts = (before?.attempts ?? 0) + 1;
    const outcome = outcomeOf(step);
    const error = step.error ?? before?.error;
    visits.set(step.state, {
      outcome: outcome === 'succeeded' && attempts > 1 ? 'retried' : outcome,
      attempts,
      startedAt: before?.startedAt ?? step.startedAt,
      ...(step.endedAt ? { endedAt: step.endedAt } : {}),
      ...(error ? { error } : {}),
    });
    if (order[order.length - 1] !== step.state) order.push(step.state);
  }
  const takenEdges = new Set<string>();
  for (let i = 1; i < order.length; i++) {
    const from = order[i - 1];
    const to = order[i];
    const kind = visits.get(from ?? '')?.outcome === 'caught' ? 'catch' : 'next';
    const edge =
      edges.find((e) => e.from === from && e.to === to && e.kind === kind) ??
      edges.find((e) => e.from === from && e.to === to);
    if (edge) takenEdges.add(edge.id);
  }
  return { visits, takenEdges };
}

/** Milliseconds between a visit's start and end, when it has ended. */
export const durationMs = (visit: StepVisit): number | undefined =>
  visit.endedAt ? Date.parse(visit.endedAt) - Date.parse(visit.startedAt) : undefined;
