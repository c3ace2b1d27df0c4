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

export type StepStatus = 'SUCCEEDED' | 'FAILED' | 'CAUGHT' | 'RETRIED';

/** One state an execution entered (API.md SagaTrace step). */
export interface TraceStep {
  state: string;
  type?: string;
  status: StepStatus;
  startedAt: string;
  endedAt?: string;
  error?: string;
}

export interface SagaTrace {
  orderId: string;
  executionId: string;
  status: 'RUNNING' | 'SUCCEEDED' | 'FAILED';
  startedAt: string;
  endedAt?: string;
  steps: TraceStep[];
}
