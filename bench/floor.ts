import { randomBytes, randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import {
  BatchGetCommand,
  BatchWriteCommand,
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  ScanCommand,
  TransactGetCommand,
  TransactWriteCommand,
  UpdateCommand,
  type BatchGetCommandInput,
  type BatchWriteCommandInput,
  type DeleteCommandInput,
  type DynamoDBDocumentClient,
  type GetCommandInput,
  type PutCommandInput,
  type QueryCommandInput,
  type ScanCommandInput,
  type TransactGetCommandInput,
  type TransactWriteCommandInput,
  type UpdateCommandInput,
} from '@aws-sdk/lib-dynamodb';
import type { RecordedCall } from './aws-call-recorder';
import { planOrder, type OrderPlan } from './order-mix';
import type { SeededShop } from './seed';
import { round, sleep, summarize, type Summary } from './stats';

/**
 * The floor: the DynamoDB calls one order makes, as the probe recorded them, replayed straight
 * against the same DynamoDB Local at the same concurrency, with no HTTP, Lambda or saga runner in
 * between. Each replayed order is the probe's calls in their order, with the probe's customer,
 * products and slot swapped for those the load's order of the same worker and sequence would
 * use, and every other id (order, ledger row, notification…) and digest (of an idempotency
 * key, of an order's fingerprint) made fresh, so every condition holds as it did for the
 * probe. Whatever the shop's code adds on top of this is the distance to the floor.
 */

export interface FloorFigures {
  orders: number;
  concurrency: number;
  operationsPerOrder: number;
  durationSeconds: number;
  ordersPerSecond: number;
  /** One order's calls, first to last. */
  orderLatencyMs: Summary;
  operationLatencyMs: Summary;
  /** Calls repeated after losing to a concurrent transaction, as the shop's code repeats them. */
  retries: number;
  errors: number;
  errorSamples: string[];
}

type Replay = (client: DynamoDBDocumentClient, input: unknown) => Promise<unknown>;
// The document client's commands, by the class name the recorder saw.
const COMMANDS: Record<string, Replay> = {
  BatchGetCommand: (client, input) =>
    client.send(new BatchGetCommand(input as BatchGetCommandInput)),
  BatchWriteCommand: (client, input) =>
    client.send(new BatchWriteCommand(input as BatchWriteCommandInput)),
  DeleteCommand: (client, input) => client.send(new DeleteCommand(input as DeleteCommandInput)),
  GetCommand: (client, input) => client.send(new GetCommand(input as GetCommandInput)),
  PutCommand: (client, input) => client.send(new PutCommand(input as PutCommandInput)),
  QueryCommand: (client, input) => client.send(new QueryCommand(input as QueryCommandInput)),
  ScanCommand: (client, input) => client.send(new ScanCommand(input as ScanCommandInput)),
  TransactGetCommand: (client, input) =>
    client.send(new TransactGetCommand(input as TransactGetCommandInput)),
  TransactWriteCommand: (client, input) =>
    client.send(new TransactWriteCommand(input as TransactWriteCommandInput)),
  UpdateCommand: (client, input) => client.send(new UpdateCommand(input as UpdateCommandInput)),
};

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
// Digests in keys (sha256 of an Idempotency-Key, an order's fingerprint): as unique as the ids.
const DIGEST = /\b[0-9a-f]{32,}\b/gi;

/** Lost to a concurrent write: the shop's repositories read again and retry (functions/lib/dynamo/conditional-writes.ts). */
const isConflict = (error: unknown): boolean => {
  const name = error instanceof Error ? error.name : '';
  if (
    name === 'TransactionConflictException' ||
    name === 'TransactionInProgressException' ||
    name === 'ThrottlingException'
  ) {
    return true;
  }
  const reasons = (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons;
  return (
    name === 'TransactionCanceledException' &&
    (reasons ?? []).some((reason) => reason.Code === 'TransactionConflict')
  );
};

export interface FloorTemplate {
  calls: Pick<RecordedCall, 'command' | 'input'>[];
  /** The probe order's own ids, to be swapped for each replayed order's. */
  userId: string;
  productIds: string[];
  slotId: string;
}

export function floorTemplate(calls: readonly RecordedCall[], plan: OrderPlan): FloorTemplate {
  const replayable = calls.filter(
    (call) => call.service === 'DynamoDB' && call.documentClient && call.error === undefined,
  );
  const unknown = replayable.find((call) => !COMMANDS[call.command]);
  if (unknown) throw new Error(`The floor cannot replay ${unknown.command}`);
  return {
    calls: replayable.map(({ command, input }) => ({ command, input })),
    userId: plan.user.userId,
    productIds: plan.items.map((item) => item.productId),
    slotId: plan.deliverySlotId,
  };
}

function callsFor(
  template: FloorTemplate,
  plan: OrderPlan,
): Pick<RecordedCall, 'command' | 'input'>[] {
  const swap = new Map<string, string>([
    [template.userId, plan.user.userId],
    [template.slotId, plan.deliverySlotId],
    ...template.productIds.map((productId, index): [string, string] => [
      productId,
      plan.items[index]?.productId ?? productId,
    ]),
  ]);
  const fresh = (id: string, make: () => string): string => {
    const replacement = swap.get(id) ?? make();
    swap.set(id, replacement);
    return replacement;
  };
  const text = JSON.stringify(template.calls)
    .replace(UUID, (id) => fresh(id, () => randomUUID()))
    .replace(DIGEST, (digest) =>
      fresh(digest, () =>
        randomBytes(Math.ceil(digest.length / 2))
          .toString('hex')
          .slice(0, digest.length),
      ),
    );
  return JSON.parse(text) as Pick<RecordedCall, 'command' | 'input'>[];
}

export async function runFloor(options: {
  client: DynamoDBDocumentClient;
  template: FloorTemplate;
  shop: SeededShop;
  concurrency: number;
  itemsPerOrder: number;
  orders: number;
  onOrderEnded?: () => void;
}): Promise<FloorFigures> {
  const { client, template } = options;
  const orderLatencies: number[] = [];
  const operationLatencies: number[] = [];
  const errorSamples: string[] = [];
  let errors = 0;
  let retries = 0;
  let started = 0;

  const send = async (call: Pick<RecordedCall, 'command' | 'input'>): Promise<void> => {
    const replay = COMMANDS[call.command];
    if (!replay) throw new Error(`The floor cannot replay ${call.command}`);
    for (let attempt = 0; ; attempt++) {
      const clock = performance.now();
      try {
        await replay(client, call.input);
        operationLatencies.push(performance.now() - clock);
        return;
      } catch (error) {
        if (!isConflict(error) || attempt >= 11) throw error;
        retries += 1;
        await sleep(Math.random() * Math.min(250, 5 * 2 ** attempt));
      }
    }
  };

  const worker = async (index: number): Promise<void> => {
    for (let sequence = 0; started < options.orders; sequence++) {
      started += 1;
      const plan = planOrder(
        options.shop,
        options.concurrency,
        options.itemsPerOrder,
        index,
        sequence,
      );
      const calls = callsFor(template, plan);
      const clock = performance.now();
      try {
        for (const call of calls) await send(call);
        orderLatencies.push(performance.now() - clock);
      } catch (error) {
        errors += 1;
        if (errorSamples.length < 5) {
          errorSamples.push(
            error instanceof Error ? `${error.name}: ${error.message}` : String(error),
          );
        }
      }
      options.onOrderEnded?.();
    }
  };

  const startedAt = performance.now();
  await Promise.all(Array.from({ length: options.concurrency }, (_, index) => worker(index)));
  const seconds = (performance.now() - startedAt) / 1000;
  return {
    orders: options.orders,
    concurrency: options.concurrency,
    operationsPerOrder: template.calls.length,
    durationSeconds: round(seconds),
    ordersPerSecond: round(orderLatencies.length / seconds),
    orderLatencyMs: summarize(orderLatencies),
    operationLatencyMs: summarize(operationLatencies),
    retries,
    errors,
    errorSamples,
  };
}

/** A TransactGetItems input as one strongly consistent BatchGetItem of the same keys. */
export function asBatchGet(input: Record<string, unknown>): Record<string, unknown> {
  const requestItems: Record<string, { Keys: unknown[]; ConsistentRead: true }> = {};
  for (const entry of Array.isArray(input.TransactItems) ? input.TransactItems : []) {
    const get = (entry as { Get?: { TableName?: unknown; Key?: unknown } }).Get;
    if (!get || typeof get.TableName !== 'string') continue;
    (requestItems[get.TableName] ??= { Keys: [], ConsistentRead: true }).Keys.push(get.Key);
  }
  return { RequestItems: requestItems };
}

/**
 * What-if: every TransactGetItems of the order read instead as one strongly consistent
 * BatchGetItem (the items are then read one by one, not as of one instant). The shop reads
 * "as of one instant" so that a plan never mixes two moments; this measures what that costs.
 */
export const withBatchGets = (template: FloorTemplate): FloorTemplate => ({
  ...template,
  calls: template.calls.map((call) =>
    call.command === 'TransactGetCommand'
      ? { command: 'BatchGetCommand', input: asBatchGet(call.input) }
      : call,
  ),
});
