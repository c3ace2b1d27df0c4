import { AsyncLocalStorage } from 'node:async_hooks';
import { performance } from 'node:perf_hooks';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';

/**
 * Sees every AWS SDK call a handler makes while it runs in this process, without touching
 * functions/: every SDK v3 client (DynamoDB, the DynamoDB document client, SNS, Lambda, SFN)
 * sends through the one `send` of their shared Smithy base class, which this wraps. Only calls
 * made inside `callScope.run(...)` are recorded (the bench's own clients are left alone), and a
 * call may be answered here instead of by the network (the probe answers Lambda invokes and SNS
 * publishes with the in-process handlers).
 */

export interface CallScope {
  /** The function (serverless.yml key) whose code made the call. */
  fn: string;
  /** The saga state the function ran for, if any. */
  state?: string;
}

export const callScope = new AsyncLocalStorage<CallScope>();

export interface RecordedCall {
  fn: string;
  state?: string;
  /** The client's service id: 'DynamoDB', 'SNS', 'Lambda', 'SFN', … */
  service: string;
  /** The command's class name, e.g. 'TransactWriteCommand' (document client) or 'PutItemCommand'. */
  command: string;
  documentClient: boolean;
  /** The input as the handler gave it (a copy taken before anything here adds to it). */
  input: Record<string, unknown>;
  /** performance.now() when it was sent. */
  startedAt: number;
  durationMs: number;
  error?: string;
  /** What DynamoDB Local itself reported (ReturnConsumedCapacity INDEXES, added here). */
  localConsumedCapacity?: unknown;
  /** Items a Query or Scan returned (their sizes make its read units). */
  returnedItems?: Record<string, unknown>[];
}

interface SdkCommand {
  input: Record<string, unknown>;
}
interface SdkClient {
  config: { serviceId?: string };
}
type Send = (this: SdkClient, command: SdkCommand, ...rest: unknown[]) => unknown;

/** Answers a call in place of AWS; undefined lets it through. */
export type Interceptor = (
  call: { service: string; command: string; input: Record<string, unknown> },
  scope: CallScope,
) => Promise<unknown> | undefined;

// Operations whose input takes ReturnConsumedCapacity.
const CAPACITY_OPERATIONS =
  /^(Get|Put|Update|Delete|Query|Scan|TransactGet|TransactWrite|BatchGet|BatchWrite)(Item)?(Items)?Command$/;

const nameOf = (value: object): string => value.constructor.name;

export function installRecorder(intercept: Interceptor): {
  calls: RecordedCall[];
  uninstall(): void;
} {
  // DynamoDBClient -> Smithy's Client, whose `send` every client of this SDK version inherits.
  const base = Object.getPrototypeOf(DynamoDBClient.prototype) as { send: Send };
  const original = base.send;
  const calls: RecordedCall[] = [];

  base.send = function recordingSend(this: SdkClient, command: SdkCommand, ...rest: unknown[]) {
    const scope = callScope.getStore();
    // Callback-style sends are left alone: the shop's code awaits promises.
    if (!scope || rest.some((argument) => typeof argument === 'function')) {
      return original.call(this, command, ...rest);
    }
    const service = this.config.serviceId ?? nameOf(this);
    const commandName = nameOf(command);
    const call: RecordedCall = {
      fn: scope.fn,
      ...(scope.state !== undefined ? { state: scope.state } : {}),
      service,
      command: commandName,
      documentClient: nameOf(this) === 'DynamoDBDocumentClient',
      input: structuredClone(command.input),
      startedAt: performance.now(),
      durationMs: 0,
    };
    calls.push(call);
    const started = call.startedAt;
    let pending = intercept({ service, command: commandName, input: command.input }, scope);
    if (pending === undefined) {
      if (service === 'DynamoDB' && CAPACITY_OPERATIONS.test(commandName)) {
        command.input.ReturnConsumedCapacity = 'INDEXES';
      }
      pending = original.call(this, command, ...rest) as Promise<unknown>;
    }
    return pending.then(
      (output) => {
        call.durationMs = performance.now() - started;
        if (typeof output === 'object' && output !== null) {
          const { ConsumedCapacity, Items } = output as {
            ConsumedCapacity?: unknown;
            Items?: Record<string, unknown>[];
          };
          if (ConsumedCapacity !== undefined) call.localConsumedCapacity = ConsumedCapacity;
          if (Array.isArray(Items)) call.returnedItems = Items;
        }
        return output;
      },
      (error: unknown) => {
        call.durationMs = performance.now() - started;
        call.error = error instanceof Error ? error.name : String(error);
        throw error;
      },
    );
  };

  return {
    calls,
    uninstall: () => {
      base.send = original;
    },
  };
}
