// API.md "Orders": `Idempotency-Key` (1-128 chars) on a POST. The first request with a key runs
// and answers 201; the same user repeating the key with the same body gets 200 and the first
// answer again, also while the first is still running (the repeat waits for it); the same key
// with another body is 422 IDEMPOTENCY_KEY_REUSED. POST /orders and POST /wallet/deposits use it,
// each context with the records in its own table under its own key design.
//
// Why not Powertools idempotency (the library this follows, record for record: status, expiry,
// in-progress expiry, a hash of the payload to validate)? Checked again with the registry's
// client (npm view, and an install into a scratch lock file) when @aws-lambda-powertools/jmespath
// 2.36.0 was published: @aws-lambda-powertools/idempotency's newest is still 2.35.0, and it pins
// commons 2.35.0 and jmespath 2.35.0 exactly. Next to our logger 2.36.0 (commons 2.36.0, peer
// jmespath 2.36.0) npm now installs it, but only with a second commons and jmespath nested under
// it: two Powertools versions in every bundle, which is not "aligned"; aligning needs an
// idempotency 2.36.0 (not published) or the logger moved back to 2.35.0. And the contract would
// still need code around it: a repeat answers 200, not the stored 201 (its responseHook can do
// that); a concurrent repeat must wait, where Powertools throws IdempotencyAlreadyInProgressError
// at once (a retry loop around it); and its records live under one partition per function, where
// each context keeps them beside the user's other items. So this is the small conditional-write
// version of the same protocol; switching to Powertools once an idempotency 2.36.x is published
// touches only this file and its two callers.
//
// The protocol, one record per (user, key):
//   1. A conditional write claims the record IN_PROGRESS, with a lock token, a lock expiry (the
//      function's remaining time: a function that died cannot hold it for longer) and an
//      operation id. It succeeds when there is no record, when it has expired, or when its lock
//      has expired or was released. The operation id is new (a UUID v7) when the record is new
//      (none, released after a failure, expired by TTL, or left by a dead holder of another
//      body); a request that takes over the expired lock of the same body keeps the id the first
//      claim chose, because the first holder may have taken effect before it died or answered
//      503 (the HTTP stack answers before the function's timeout, and the function may run on).
//   2. Otherwise the record as it stands decides: another body -> 422; COMPLETED -> the stored
//      answer, replayed; IN_PROGRESS -> wait a little and go to 1, until the first request ends.
//   3. The holder runs the operation with the operation id, which the operation makes its
//      effect's identity (the order id, the ledger row's id) and writes only if absent: a second
//      run under the same id finds the first's effect and answers with it instead of repeating
//      it. On success the holder stores the answer COMPLETED (guarded by its lock token); on
//      failure it releases the lock, so a repeat runs the operation afresh with a new id (an
//      error is not remembered, as in Powertools).
// Records expire (the table's TTL attribute) after RECORD_TTL_SECONDS; a key repeated later is a
// new request.
import { createHash, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  DeleteCommand,
  GetCommand,
  PutCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { dynamoDb } from '../aws/dynamodb';
import * as z from 'zod';
import { isConditionalCheckFailed } from '../dynamo/conditional-writes';
import { storedItem } from '../dynamo/stored-item';
import type { Item } from '../dynamo/table';
import { Conflict, DataIntegrityError, ValidationFailed } from '../errors';
import { IdempotencyKeyReused } from './errors';
import { headerValue } from '../middleware/http-request';
import { logger } from '../logger';
import { newUuidV7 } from '../uuid-v7';

export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';
export const IDEMPOTENCY_KEY_MAX_LENGTH = 128;

/** How long a key is remembered: a day, as clients retry within minutes. */
export const RECORD_TTL_SECONDS = 24 * 60 * 60;

/** The longest a repeat waits for the first request before it answers 409 CONFLICT. */
const MAX_WAIT_MS = 8_000;
/** What a waiting repeat leaves of its function's time to answer at all. */
const ANSWER_RESERVE_MS = 1_500;

/** The header's value: undefined when absent; 400 VALIDATION_FAILED unless 1-128 characters. */
export function parseIdempotencyKey(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (value.length < 1 || value.length > IDEMPOTENCY_KEY_MAX_LENGTH) {
    const message = `must be 1 to ${IDEMPOTENCY_KEY_MAX_LENGTH} characters`;
    throw new ValidationFailed(`${IDEMPOTENCY_KEY_HEADER} ${message}`, {
      details: [{ field: IDEMPOTENCY_KEY_HEADER, message }],
    });
  }
  return value;
}

export const idempotencyKeyOf = (event: APIGatewayProxyEventV2): string | undefined =>
  parseIdempotencyKey(headerValue(event, IDEMPOTENCY_KEY_HEADER));

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** JSON with every object's keys sorted: equal values, equal text, however they were built. */
export const canonicalJson = (value: unknown): string =>
  JSON.stringify(value, (_, member: unknown) =>
    member !== null && typeof member === 'object' && !Array.isArray(member)
      ? Object.fromEntries(
          Object.entries(member as Record<string, unknown>).sort(([a], [b]) =>
            a < b ? -1 : a > b ? 1 : 0,
          ),
        )
      : member,
  );

/** What "the same body" is compared by. The caller canonicalises what does not matter. */
export const requestHash = (request: unknown): string => sha256(canonicalJson(request));

/**
 * The sort key of a record: the operation and a hash of the client's key (any 128 characters,
 * kept out of the table's keys as they are).
 */
export const idempotencySortKey = (operation: string, key: string): string =>
  `IDEMPOTENCY#${operation}#${sha256(key)}`;

export interface IdempotencyRecordKey {
  pk: string;
  sk: string;
}

export type IdempotencyStatus = 'IN_PROGRESS' | 'COMPLETED';

export interface IdempotencyRecord {
  status: IdempotencyStatus;
  requestHash: string;
  /** The answer, as JSON text, once COMPLETED: replayed exactly as it was given. */
  response?: string;
}

export type ExistingRecordDecision =
  { action: 'REPLAY'; response: string } | { action: 'KEY_REUSED' } | { action: 'WAIT' };

/**
 * What a request does about a record it could not claim (one that is live: not expired, not
 * released). Another body is refused even while the first is running: it can never be answered
 * with the first's result.
 */
export const decideOnExisting = (
  record: IdempotencyRecord,
  hash: string,
): ExistingRecordDecision => {
  if (record.requestHash !== hash) return { action: 'KEY_REUSED' };
  if (record.status === 'IN_PROGRESS') return { action: 'WAIT' };
  if (record.response === undefined) {
    throw new DataIntegrityError('A completed idempotency record has no response');
  }
  return { action: 'REPLAY', response: record.response };
};

export interface IdempotencyClaim {
  requestHash: string;
  lockToken: string;
  lockedUntilMs: number;
  expiresAt: number;
  /** The id a new record gets; a takeover keeps the record's. */
  operationId: string;
}

/** The records' storage; createIdempotencyStore is the DynamoDB one. */
export interface IdempotencyStore {
  /**
   * The operation id the holder runs with once the record is claimed (`claim.operationId` for a
   * new record, the record's own when an expired lock of the same body is taken over), or
   * undefined when a live record stands in the way.
   */
  claim(key: IdempotencyRecordKey, claim: IdempotencyClaim): Promise<string | undefined>;
  /** The record, strongly consistent; undefined when there is none or it has expired. */
  get(key: IdempotencyRecordKey): Promise<IdempotencyRecord | undefined>;
  complete(
    key: IdempotencyRecordKey,
    lockToken: string,
    response: string,
    expiresAt: number,
  ): Promise<void>;
  release(key: IdempotencyRecordKey, lockToken: string): Promise<void>;
}

/** A record as stored: with its expiry, which `get` reads. */
const toRecord: (item: Item) => IdempotencyRecord & { expiresAt: number } = storedItem(
  z.object({
    status: z.enum(['IN_PROGRESS', 'COMPLETED']),
    requestHash: z.string(),
    response: z.string().optional(),
    expiresAt: z.int(),
  }),
);

/**
 * The records in a context's own table, next to its other items; `expiresAt` (epoch seconds) is
 * the table's TTL attribute. Conditions compare it too: TTL deletes late, an expired record
 * must already count as gone.
 */
export const createIdempotencyStore = (
  tableName: string,
  client: DynamoDBDocumentClient = dynamoDb,
): IdempotencyStore => ({
  async claim(key, { requestHash: hash, lockToken, lockedUntilMs, expiresAt, operationId }) {
    const now = Date.now();
    const names = {
      '#status': 'status',
      '#expiresAt': 'expiresAt',
      '#lockedUntil': 'lockedUntil',
      '#requestHash': 'requestHash',
    };
    const lockRanOut = '#status = :inProgress AND #lockedUntil < :nowMs';
    const values = {
      ':nowSeconds': Math.floor(now / 1000),
      ':nowMs': now,
      ':inProgress': 'IN_PROGRESS',
      ':hash': hash,
    };
    try {
      // A new record: none, expired (TTL deletes late), or a dead holder's of another body.
      await client.send(
        new PutCommand({
          TableName: tableName,
          Item: {
            ...key,
            status: 'IN_PROGRESS',
            requestHash: hash,
            operationId,
            lockToken,
            lockedUntil: lockedUntilMs,
            expiresAt,
            createdAt: new Date(now).toISOString(),
          },
          ConditionExpression:
            'attribute_not_exists(pk) OR #expiresAt <= :nowSeconds OR ' +
            `(${lockRanOut} AND #requestHash <> :hash)`,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        }),
      );
      return operationId;
    } catch (error) {
      // The refusal could carry the record (ReturnValuesOnConditionCheckFailure), but the
      // document client leaves it marshalled: the next write decides instead.
      if (!isConditionalCheckFailed(error)) throw error;
    }
    try {
      // A dead holder's record of this very request: taken over with its operation id, as the
      // dead holder may have taken effect under it. (A record from before operation ids keeps
      // none: it gets this claim's.)
      const { Attributes } = await client.send(
        new UpdateCommand({
          TableName: tableName,
          Key: key,
          UpdateExpression:
            'SET #lockToken = :lockToken, #lockedUntil = :lockedUntil, ' +
            '#operationId = if_not_exists(#operationId, :operationId)',
          ConditionExpression: `${lockRanOut} AND #requestHash = :hash AND #expiresAt > :nowSeconds`,
          ExpressionAttributeNames: {
            ...names,
            '#lockToken': 'lockToken',
            '#operationId': 'operationId',
          },
          ExpressionAttributeValues: {
            ...values,
            ':lockToken': lockToken,
            ':lockedUntil': lockedUntilMs,
            ':operationId': operationId,
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return z.object({ operationId: z.string() }).parse(Attributes).operationId;
    } catch (error) {
      if (isConditionalCheckFailed(error)) return undefined;
      throw error;
    }
  },

  async get(key) {
    const { Item } = await client.send(
      new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }),
    );
    if (!Item) return undefined;
    const { expiresAt, ...record } = toRecord(Item);
    return expiresAt > Math.floor(Date.now() / 1000) ? record : undefined;
  },

  async complete(key, lockToken, response, expiresAt) {
    await client.send(
      new UpdateCommand({
        TableName: tableName,
        Key: key,
        UpdateExpression:
          'SET #status = :completed, #response = :response, #expiresAt = :expiresAt ' +
          'REMOVE #lockToken, #lockedUntil',
        ConditionExpression: '#lockToken = :lockToken',
        ExpressionAttributeNames: {
          '#status': 'status',
          '#response': 'response',
          '#expiresAt': 'expiresAt',
          '#lockToken': 'lockToken',
          '#lockedUntil': 'lockedUntil',
        },
        ExpressionAttributeValues: {
          ':completed': 'COMPLETED',
          ':response': response,
          ':expiresAt': expiresAt,
          ':lockToken': lockToken,
        },
      }),
    );
  },

  // A failed request leaves nothing behind (API.md: a 4xx changes nothing): the record goes, if it
  // is still this request's.
  async release(key, lockToken) {
    await client.send(
      new DeleteCommand({
        TableName: tableName,
        Key: key,
        ConditionExpression: '#lockToken = :lockToken',
        ExpressionAttributeNames: { '#lockToken': 'lockToken' },
        ExpressionAttributeValues: { ':lockToken': lockToken },
      }),
    );
  },
});

export interface IdempotentRequest {
  store: IdempotencyStore;
  /** The record's key: the context's key design, scoped by the user and the client's key. */
  recordKey: IdempotencyRecordKey;
  /** requestHash of the request, canonicalised by the caller. */
  requestHash: string;
  /** The function's context: how long a lock may be held, and how long a repeat may wait. */
  context: Pick<Context, 'getRemainingTimeInMillis'>;
  /** A new record's operation id; a UUID v7 unless a test says otherwise. */
  newOperationId?: () => string;
}

export interface IdempotentAnswer<R> {
  response: R;
  /** True when this is a repeat, answered with the first request's response. */
  replayed: boolean;
}

const firstWaitMs = 50;
const longestWaitMs = 400;

/**
 * Runs `operation` once per record key and request: see the protocol at the top of this file.
 * The operation gets the record's operation id, the same for every run of one request whose
 * earlier runs may have taken effect: it must make it the identity of what it writes. Throws IdempotencyKeyReused for another body, and Conflict when the first request is still
 * running after the longest wait.
 */
export async function runIdempotent<R>(
  request: IdempotentRequest,
  operation: (operationId: string) => Promise<R>,
): Promise<IdempotentAnswer<R>> {
  const { store, recordKey, requestHash: hash, context, newOperationId = newUuidV7 } = request;
  const started = Date.now();
  const remainingMs = Math.max(0, context.getRemainingTimeInMillis());
  const waitUntil = started + Math.min(MAX_WAIT_MS, remainingMs - ANSWER_RESERVE_MS);
  const lockToken = randomUUID();
  let pause = firstWaitMs;
  let vanished = 0;
  let operationId: string | undefined;

  for (;;) {
    const now = Date.now();
    operationId = await store.claim(recordKey, {
      requestHash: hash,
      lockToken,
      operationId: newOperationId(),
      // The function cannot run past its remaining time: a lock never outlives its holder.
      lockedUntilMs: started + remainingMs,
      expiresAt: Math.floor(now / 1000) + RECORD_TTL_SECONDS,
    });
    if (operationId !== undefined) break;
    const existing = await store.get(recordKey);
    if (existing) {
      const decision = decideOnExisting(existing, hash);
      if (decision.action === 'KEY_REUSED') {
        throw new IdempotencyKeyReused(
          `This ${IDEMPOTENCY_KEY_HEADER} was used with another request body`,
        );
      }
      if (decision.action === 'REPLAY') {
        return { response: JSON.parse(decision.response) as R, replayed: true };
      }
    } else if (++vanished <= 3) {
      // Gone since (expired, or released by a failed first request): claim it again at once.
      continue;
    }
    if (Date.now() + pause > waitUntil) {
      throw new Conflict(
        `A request with this ${IDEMPOTENCY_KEY_HEADER} is still being processed: repeat it shortly`,
      );
    }
    // Jittered, so that the waiting repeats do not all ask at the same instant.
    await sleep(pause / 2 + Math.random() * (pause / 2));
    pause = Math.min(longestWaitMs, pause * 2);
  }

  let response: R;
  try {
    response = await operation(operationId);
  } catch (error) {
    await store.release(recordKey, lockToken).catch((releaseError: unknown) => {
      // The lock then runs out at the function's end, and a repeat claims it after that.
      logger.error('An idempotency record could not be released', {
        recordKey,
        error: releaseError,
      });
    });
    throw error;
  }
  const expiresAt = Math.floor(Date.now() / 1000) + RECORD_TTL_SECONDS;
  // The operation has taken effect: the client gets its answer even when the record cannot be
  // completed (a repeat after the lock runs out would then run the operation again).
  await store
    .complete(recordKey, lockToken, JSON.stringify(response), expiresAt)
    .catch((error: unknown) => {
      logger.error('An idempotency record could not be completed', { recordKey, error });
    });
  return { response, replayed: false };
}
