import { DomainError } from '../errors';

// Apart from ./idempotency.ts so the HTTP error table can name it without pulling the protocol's
// DynamoDB client into every HTTP function's bundle (GET /health among them).

/** 422 IDEMPOTENCY_KEY_REUSED: the key was used for another request body. */
export class IdempotencyKeyReused extends DomainError {
  override readonly name = 'IdempotencyKeyReused';
}
