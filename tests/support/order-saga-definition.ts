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
  Retry?: {
    ErrorEquals: string[];
    MaxAttempts?: number;
    JitterStrategy?: string;
    BackoffRate?: number;
  }[];
  Catch?: { ErrorEquals: string[]; Next: string; ResultPath?: string }[];
}
export interface AslDefinition {
  StartAt: string;
  States: Record<string, AslState>;
}

/** The ASL file as serverless.yml includes it (YAML anchors and merges resolved). */
export function loadOrderSaga(): AslDefinition {
  return parse(readFileSync(ORDER_SAGA_FILE, 'utf8'), { merge: true }) as AslDefinition;
}
