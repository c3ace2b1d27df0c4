// The parts of an Amazon States Language definition the console draws. Read from what
// GET /saga/definition answers, so the picture is the deployed machine's, never a copy.

export interface AslRetrier {
  ErrorEquals: string[];
  MaxAttempts?: number;
}

export interface AslCatcher {
  ErrorEquals: string[];
  Next: string;
}

export interface AslState {
  Type: string;
  Next?: string;
  End?: boolean;
  Default?: string;
  Choices?: { Next: string }[];
  Retry?: AslRetrier[];
  Catch?: AslCatcher[];
}

export interface AslDefinition {
  StartAt: string;
  States: Record<string, AslState>;
}

// The trace's shapes are the contract's (contracts/http/orders.ts), as types only: no zod here.
export type { SagaStep as TraceStep, SagaTrace, StepStatus } from '../../../contracts/http/orders';
