import type { HistoryEvent, SFNClient } from '@aws-sdk/client-sfn';
import { createSagaHistoryReader, executionArnOf } from '../functions/orders/saga-history';
import { countBy, mapLimit, mean, round, summarize, type Summary } from './stats';

/**
 * Where each saga spent its time, from the execution histories Step Functions itself keeps (the
 * same events on AWS, LocalStack and the local endpoint): every state's entered -> exited, the
 * Lambda attempts inside it, and the transitions Step Functions bills.
 */

export interface StateVisit {
  name: string;
  enteredAt: number;
  exitedAt?: number;
  /** Lambda attempts while in this state (a Task's retries add attempts). */
  lambdaAttempts: number;
  /** Started -> succeeded/failed of each attempt. */
  lambdaMs: number[];
}

export interface ExecutionPath {
  executionArn: string;
  status: string;
  startedAt: number;
  endedAt?: number;
  visits: StateVisit[];
  /** What Standard workflows bill: every state entered, and every retry. */
  billedTransitions: number;
  lambdaInvocations: number;
}

export interface StateFigures {
  count: number;
  meanMs: number;
  p50Ms: number;
  p95Ms: number;
  /** Mean of the Lambda attempt durations inside the state (what Lambda would bill). */
  lambdaMeanMs: number;
  lambdaInvocations: number;
}

export interface SagaFigures {
  executions: number;
  statusCounts: Record<string, number>;
  /** The paths taken, as state names joined by '>', with how many executions took each. */
  paths: Record<string, number>;
  executionMs: Summary;
  /** Execution time outside every state: the runner's own work between states. */
  betweenStatesMs: Summary;
  /**
   * Execution time not spent inside a Lambda, per billed transition: what the local endpoint adds
   * to each transition (interpreting the state, invoking the function over HTTP, recording history).
   */
  overheadPerTransitionMs: Summary;
  billedTransitionsPerExecution: number;
  lambdaInvocationsPerExecution: number;
  states: Record<string, StateFigures>;
}

const time = (event: HistoryEvent): number => event.timestamp?.getTime() ?? Number.NaN;

export function pathOf(executionArn: string, events: readonly HistoryEvent[]): ExecutionPath {
  const sorted = [...events].sort((a, b) => (a.id ?? 0) - (b.id ?? 0));
  const visits: StateVisit[] = [];
  let current: StateVisit | undefined;
  let lambdaStartedAt: number | undefined;
  let status = 'RUNNING';
  let startedAt = Number.NaN;
  let endedAt: number | undefined;
  for (const event of sorted) {
    const type = event.type ?? '';
    if (type === 'ExecutionStarted') startedAt = time(event);
    else if (type.endsWith('StateEntered')) {
      current = {
        name: event.stateEnteredEventDetails?.name ?? '?',
        enteredAt: time(event),
        lambdaAttempts: 0,
        lambdaMs: [],
      };
      visits.push(current);
    } else if (type.endsWith('StateExited')) {
      if (current && current.name === event.stateExitedEventDetails?.name) {
        current.exitedAt = time(event);
      }
    } else if (type === 'LambdaFunctionScheduled') {
      if (current) current.lambdaAttempts += 1;
    } else if (type === 'LambdaFunctionStarted') {
      lambdaStartedAt = time(event);
    } else if (
      type === 'LambdaFunctionSucceeded' ||
      type === 'LambdaFunctionFailed' ||
      type === 'LambdaFunctionTimedOut'
    ) {
      if (current && lambdaStartedAt !== undefined)
        current.lambdaMs.push(time(event) - lambdaStartedAt);
      lambdaStartedAt = undefined;
    } else if (type.startsWith('Execution')) {
      status = type.slice('Execution'.length).toUpperCase();
      endedAt = time(event);
    }
  }
  const lambdaInvocations = visits.reduce((sum, visit) => sum + visit.lambdaAttempts, 0);
  const retries = visits.reduce((sum, visit) => sum + Math.max(0, visit.lambdaAttempts - 1), 0);
  return {
    executionArn,
    status,
    startedAt,
    ...(endedAt !== undefined ? { endedAt } : {}),
    visits,
    billedTransitions: visits.length + retries,
    lambdaInvocations,
  };
}

export async function readPaths(
  client: SFNClient,
  stateMachineArn: string,
  orderIds: readonly string[],
): Promise<ExecutionPath[]> {
  return mapLimit(orderIds, 8, async (orderId) => {
    const arn = executionArnOf(stateMachineArn, orderId);
    return pathOf(arn, await createSagaHistoryReader(client)(arn));
  });
}

export function summarizePaths(paths: readonly ExecutionPath[]): SagaFigures {
  const byState = new Map<
    string,
    { durations: number[]; lambdaMs: number[]; invocations: number }
  >();
  const betweenStates: number[] = [];
  const overheadPerTransition: number[] = [];
  for (const path of paths) {
    let insideStates = 0;
    let insideLambdas = 0;
    for (const visit of path.visits) {
      const figures = byState.get(visit.name) ?? { durations: [], lambdaMs: [], invocations: 0 };
      if (visit.exitedAt !== undefined) {
        figures.durations.push(visit.exitedAt - visit.enteredAt);
        insideStates += visit.exitedAt - visit.enteredAt;
      }
      figures.lambdaMs.push(...visit.lambdaMs);
      insideLambdas += visit.lambdaMs.reduce((sum, ms) => sum + ms, 0);
      figures.invocations += visit.lambdaAttempts;
      byState.set(visit.name, figures);
    }
    if (path.endedAt !== undefined) {
      betweenStates.push(path.endedAt - path.startedAt - insideStates);
      if (path.billedTransitions > 0)
        overheadPerTransition.push(
          (path.endedAt - path.startedAt - insideLambdas) / path.billedTransitions,
        );
    }
  }
  const ended = paths.filter((path) => path.endedAt !== undefined);
  return {
    executions: paths.length,
    statusCounts: countBy(paths, (path) => path.status),
    paths: countBy(paths, (path) => path.visits.map((visit) => visit.name).join('>')),
    executionMs: summarize(ended.map((path) => (path.endedAt ?? 0) - path.startedAt)),
    betweenStatesMs: summarize(betweenStates),
    overheadPerTransitionMs: summarize(overheadPerTransition),
    billedTransitionsPerExecution: round(mean(paths.map((path) => path.billedTransitions))),
    lambdaInvocationsPerExecution: round(mean(paths.map((path) => path.lambdaInvocations))),
    states: Object.fromEntries(
      [...byState].map(([name, figures]) => {
        const summary = summarize(figures.durations);
        return [
          name,
          {
            count: summary.count,
            meanMs: summary.mean,
            p50Ms: summary.p50,
            p95Ms: summary.p95,
            lambdaMeanMs: figures.lambdaMs.length > 0 ? round(mean(figures.lambdaMs)) : 0,
            lambdaInvocations: figures.invocations,
          },
        ];
      }),
    ),
  };
}
