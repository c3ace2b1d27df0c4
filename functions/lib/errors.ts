// Lambda reports `errorType` from `error.name`, and the state machine's
// `ErrorEquals` matches on it (the HTTP error table keys on the classes). Every subclass sets
// `name` as a string literal because bundlers rename classes, so
// `constructor.name` would not survive minification.
//
// Errors never carry a `cause`: a local state machine runner may put
// `error.cause` into the Catch output, which must stay a string.

export interface DomainErrorOptions {
  /** Safe to show to a client (e.g. the invalid fields); never internals. */
  details?: unknown;
  /** Extra top-level members of an HTTP error body (e.g. the existing order). */
  extras?: Record<string, unknown>;
}

export abstract class DomainError extends Error {
  abstract override readonly name: string;
  readonly details?: unknown;
  readonly extras?: Record<string, unknown>;

  constructor(message: string, options: DomainErrorOptions = {}) {
    super(message);
    if (options.details !== undefined) this.details = options.details;
    if (options.extras !== undefined) this.extras = options.extras;
  }
}

export class ValidationFailed extends DomainError {
  override readonly name = 'ValidationFailed';
}

export class MalformedJson extends DomainError {
  override readonly name = 'MalformedJson';
}

export class Unauthenticated extends DomainError {
  override readonly name = 'Unauthenticated';
}

export class Forbidden extends DomainError {
  override readonly name = 'Forbidden';
}

export class NotFound extends DomainError {
  override readonly name = 'NotFound';
}

export class Conflict extends DomainError {
  override readonly name = 'Conflict';
}

export class PayloadTooLarge extends DomainError {
  override readonly name = 'PayloadTooLarge';
}

export class UnsupportedMediaType extends DomainError {
  override readonly name = 'UnsupportedMediaType';
}

/**
 * The shop could not finish the request in time (overloaded, or a dependency slow or down):
 * 503 UNAVAILABLE with Retry-After (API.md). A request with an Idempotency-Key may be repeated
 * with it: the repeat finds what this one did.
 */
export class Unavailable extends DomainError {
  override readonly name = 'Unavailable';
}

/** A saga task got an input that does not match the saga input schema. */
export class InvalidSagaInput extends DomainError {
  override readonly name = 'InvalidSagaInput';
}

/** An event message (e.g. from SNS) does not match its schema. */
export class InvalidEventMessage extends DomainError {
  override readonly name = 'InvalidEventMessage';
}

/**
 * Optimistic writes kept losing to concurrent writers. Technical: the caller
 * (the state machine's Retry, a client) tries again later.
 */
export class ConcurrentUpdate extends DomainError {
  override readonly name = 'ConcurrentUpdate';
}

/** The stored data breaks an invariant the code relies on. */
export class DataIntegrityError extends DomainError {
  override readonly name = 'DataIntegrityError';
}

export class ConfigurationError extends DomainError {
  override readonly name = 'ConfigurationError';
}

/**
 * A failure that may well pass if tried again (throttling, a lost race, a service hiccup). The
 * saga-step stack turns such errors into this one name, which the state machine's Retry lists.
 */
export class TransientError extends DomainError {
  override readonly name = 'TransientError';
}
