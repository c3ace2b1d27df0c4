/**
 * The parts of Amazon States Language the interpreter reads, as loose types: a
 * definition is validated by asl-validator before it gets here, so these only
 * name what the interpreter looks at.
 * https://docs.aws.amazon.com/step-functions/latest/dg/concepts-amazon-states-language.html
 */

export type JsonObject = Record<string, unknown>;

export type QueryLanguage = 'JSONPath' | 'JSONata';

export interface Retrier {
  ErrorEquals: string[];
  IntervalSeconds?: number;
  MaxAttempts?: number;
  BackoffRate?: number;
  MaxDelaySeconds?: number;
  JitterStrategy?: 'FULL' | 'NONE';
}

export interface Catcher {
  ErrorEquals: string[];
  Next: string;
  ResultPath?: string | null;
  Output?: unknown;
  Assign?: JsonObject;
}

export interface ChoiceRule extends JsonObject {
  Next?: string;
  Condition?: unknown;
  Assign?: JsonObject;
  Output?: unknown;
}

export interface StateDefinition {
  Type: 'Task' | 'Pass' | 'Choice' | 'Wait' | 'Succeed' | 'Fail' | 'Parallel' | 'Map';
  QueryLanguage?: QueryLanguage;
  Comment?: string;
  Next?: string;
  End?: boolean;
  // JSONPath
  InputPath?: string | null;
  Parameters?: unknown;
  ResultSelector?: unknown;
  ResultPath?: string | null;
  OutputPath?: string | null;
  Result?: unknown;
  // JSONata
  Arguments?: unknown;
  Output?: unknown;
  // both
  Assign?: JsonObject;
  // Task
  Resource?: string;
  TimeoutSeconds?: number;
  Retry?: Retrier[];
  Catch?: Catcher[];
  // Choice
  Choices?: ChoiceRule[];
  Default?: string;
  // Wait
  Seconds?: number | string;
  SecondsPath?: string;
  Timestamp?: string;
  TimestampPath?: string;
  // Fail
  Error?: string;
  ErrorPath?: string;
  Cause?: string;
  CausePath?: string;
  // Parallel
  Branches?: StateMachineDefinition[];
  // Map
  ItemProcessor?: StateMachineDefinition;
  Iterator?: StateMachineDefinition;
  ItemsPath?: string;
  Items?: unknown;
  ItemSelector?: unknown;
  MaxConcurrency?: number;
}

export interface StateMachineDefinition {
  StartAt: string;
  States: Record<string, StateDefinition>;
  QueryLanguage?: QueryLanguage;
  TimeoutSeconds?: number;
  Comment?: string;
}

/**
 * Runs a Task's Resource. Throw an Error whose `name` is the ASL error name
 * (`PaymentDeclined`, `Lambda.ServiceException`) and whose message is the cause.
 */
export type TaskHandler = (input: unknown, context: TaskHandlerContext) => Promise<unknown>;

export interface TaskHandlerContext {
  stateName: string;
  resource: string;
  /** Aborted when the execution stops or the state's TimeoutSeconds passes. */
  signal: AbortSignal;
}

/** Resolves a Task's handler; return undefined for an unknown resource. */
export type TaskHandlerResolver = (resource: string, stateName: string) => TaskHandler | undefined;
