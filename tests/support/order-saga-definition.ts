import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';

export const ORDER_SAGA_FILE = resolve(
  __dirname,
  '..',
  '..',
  'statemachines',
  'order-saga.asl.yml',
);

export interface AslState {
  Type: string;
  Resource?: unknown;
  Next?: string;
  End?: boolean;
  ResultPath?: string | null;
  Parameters?: Record<string, unknown>;
  Arguments?: Record<string, unknown>;
  Assign?: Record<string, unknown>;
  Output?: unknown;
  Retry?: {
    ErrorEquals: string[];
    IntervalSeconds?: number;
    MaxAttempts?: number;
    MaxDelaySeconds?: number;
    JitterStrategy?: string;
    BackoffRate?: number;
  }[];
  Catch?: {
    ErrorEquals: string[];
    Next: string;
    ResultPath?: string;
    Assign?: Record<string, unknown>;
  }[];
  Choices?: { Condition?: string; Assign?: Record<string, unknown>; Next: string }[];
  Default?: string;
}
export interface AslDefinition {
  QueryLanguage?: string;
  StartAt: string;
  States: Record<string, AslState>;
}

/** The ASL file as serverless.yml includes it (YAML anchors and merges resolved). */
export function loadOrderSaga(): AslDefinition {
  return parse(readFileSync(ORDER_SAGA_FILE, 'utf8'), { merge: true }) as AslDefinition;
}

/**
 * The longest the state's retries can wait in all, by its Retry policy: every attempt's interval
 * (IntervalSeconds × BackoffRate^n, capped at MaxDelaySeconds; full jitter only shortens them),
 * for the retrier that waits longest. What a test of a step that keeps failing must allow.
 */
export function longestRetryWaitMs(stateName: string, saga = loadOrderSaga()): number {
  const retriers = saga.States[stateName]?.Retry ?? [];
  const waits = retriers.map((retrier) => {
    // Step Functions' defaults: 1 s, 3 attempts, rate 2, no cap.
    const interval = retrier.IntervalSeconds ?? 1;
    const rate = retrier.BackoffRate ?? 2;
    const cap = retrier.MaxDelaySeconds ?? Number.POSITIVE_INFINITY;
    const attempts = Array.from({ length: retrier.MaxAttempts ?? 3 }, (_, n) =>
      Math.min(interval * rate ** n, cap),
    );
    return attempts.reduce((sum, seconds) => sum + seconds, 0) * 1000;
  });
  return Math.max(0, ...waits);
}
