export interface LocalStateMachine {
  /** e.g. 'shop-local-order-saga' */
  name: string;
  /** ASL as a JSON object; Task Resource fields are already plain strings. */
  definition: Record<string, unknown>;
  /** Keyed by Task STATE NAME; called in-process, like a Lambda invoke. */
  taskHandlers: Record<string, (input: unknown) => Promise<unknown>>;
}

/** The detail of EventBridge's "Step Functions Execution Status Change" event. */
export interface ExecutionStatusChange {
  executionArn: string;
  stateMachineArn: string;
  name: string;
  status: 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';
  startDate: number;
  stopDate: number | null;
  input: string;
  output: string | null;
  error: string | null;
  cause: string | null;
  redriveCount: number;
}

export interface StepFunctionsServer {
  url: string;
  close(): Promise<void>;
  /**
   * Goes on with the executions restored RUNNING from `dataDir` (each from the top-level state it
   * was in), once what their tasks call answers; returns how many. Calls after the first do nothing.
   */
  resumeExecutions(): number;
}

export interface StepFunctionsServerOptions {
  /** 0 = any free port */
  port: number;
  /** default '127.0.0.1' */
  host?: string;
  /** used in ARNs */
  region: string;
  /** used in ARNs, e.g. '000000000000' */
  accountId: string;
  stateMachines: LocalStateMachine[];
  /**
   * Scales Wait states and Retry intervals (0.01: a 4 s backoff takes 40 ms), as Step Functions
   * Local's wait-time settings do; TimeoutSeconds stay real. Default 1, real time.
   */
  timeScale?: number;
  /**
   * Where executions and their histories are kept between runs (execution-journal.ts); those
   * running when the process died resume on the next start. None: in memory only.
   */
  dataDir?: string;
  /** Told of every execution that starts, ends or is redriven, as EventBridge is on AWS. */
  onStatusChange?: (change: ExecutionStatusChange) => void;
}
