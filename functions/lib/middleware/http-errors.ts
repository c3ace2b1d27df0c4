import { DuplicateOrder, UnknownProduct, UnknownSlot } from '../../orders/domain/errors';
import { InsufficientFunds } from '../../payments/domain/errors';
import { EmailTaken } from '../../users/domain/errors';
import {
  Conflict,
  DomainError,
  Forbidden,
  MalformedJson,
  NotFound,
  PayloadTooLarge,
  Unauthenticated,
  Unavailable,
  UnsupportedMediaType,
  ValidationFailed,
} from '../errors';
import { IdempotencyKeyReused } from '../idempotency/errors';
import { logger } from '../logger';

export interface HttpErrorMapping {
  readonly status: number;
  readonly code: string;
  readonly headers?: Readonly<Record<string, string>>;
}

/** What a 503 UNAVAILABLE asks the client to wait before trying again. */
export const RETRY_AFTER_SECONDS = 2;

type ErrorClass = new (message: string) => Error;

/**
 * The one table from the errors a handler may throw to the contract's statuses and codes
 * (API.md "Conventions"), keyed by the classes themselves: renaming or moving a class is a
 * compile error here, never a 4xx silently turned into a 500. It names the few context errors
 * the contract has a code for, the one place in functions/lib/ that knows a context.
 */
export const httpErrorTable: ReadonlyMap<ErrorClass, HttpErrorMapping> = new Map<
  ErrorClass,
  HttpErrorMapping
>([
  [ValidationFailed, { status: 400, code: 'VALIDATION_FAILED' }],
  [MalformedJson, { status: 400, code: 'MALFORMED_JSON' }],
  [UnknownProduct, { status: 400, code: 'UNKNOWN_PRODUCT' }],
  [UnknownSlot, { status: 400, code: 'UNKNOWN_SLOT' }],
  [Unauthenticated, { status: 401, code: 'UNAUTHENTICATED' }],
  [Forbidden, { status: 403, code: 'FORBIDDEN' }],
  [NotFound, { status: 404, code: 'NOT_FOUND' }],
  [EmailTaken, { status: 409, code: 'EMAIL_TAKEN' }],
  [DuplicateOrder, { status: 409, code: 'DUPLICATE_ORDER' }],
  [Conflict, { status: 409, code: 'CONFLICT' }],
  [InsufficientFunds, { status: 409, code: 'INSUFFICIENT_FUNDS' }],
  [PayloadTooLarge, { status: 413, code: 'PAYLOAD_TOO_LARGE' }],
  [UnsupportedMediaType, { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' }],
  [IdempotencyKeyReused, { status: 422, code: 'IDEMPOTENCY_KEY_REUSED' }],
  [
    Unavailable,
    { status: 503, code: 'UNAVAILABLE', headers: { 'retry-after': String(RETRY_AFTER_SECONDS) } },
  ],
]);

export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
  [extra: string]: unknown;
}

export interface HttpError {
  statusCode: number;
  body: ErrorBody;
  headers?: Record<string, string>;
}

const INTERNAL: HttpError = {
  statusCode: 500,
  body: { error: { code: 'INTERNAL', message: 'Internal server error' } },
};

/** Exactly the class: a subclass is another error, and must be added to the table to map. */
const mappingFor = (error: Error): HttpErrorMapping | undefined =>
  httpErrorTable.get(error.constructor as ErrorClass);

/**
 * Turns any thrown value into the contract's error answer. Anything not in
 * the table is logged and answered with a generic 500 that reveals nothing.
 */
export const toHttpError = (thrown: unknown): HttpError => {
  const mapping = thrown instanceof Error ? mappingFor(thrown) : undefined;
  if (!mapping || !(thrown instanceof Error)) {
    if (thrown instanceof Error) logger.error('Unhandled error', thrown);
    else logger.error('Unhandled non-error thrown', { thrown: String(thrown) });
    return structuredClone(INTERNAL);
  }
  const domain = thrown instanceof DomainError ? thrown : undefined;
  return {
    statusCode: mapping.status,
    ...(mapping.headers ? { headers: { ...mapping.headers } } : {}),
    body: {
      ...domain?.extras,
      error: {
        code: mapping.code,
        message: thrown.message,
        ...(domain?.details !== undefined ? { details: domain.details } : {}),
      },
    },
  };
};
