import { DomainError } from '../../lib/errors';

/** Technical: a saga step asked for a status change the order's status forbids. */
export class InvalidOrderTransition extends DomainError {
  override readonly name = 'InvalidOrderTransition';
}

/** Business (400 UNKNOWN_PRODUCT): the order names products the catalog does not have. */
export class UnknownProduct extends DomainError {
  override readonly name = 'UnknownProduct';
}

/** Business (400 UNKNOWN_SLOT): the order names a delivery slot that does not exist. */
export class UnknownSlot extends DomainError {
  override readonly name = 'UnknownSlot';
}

/**
 * Technical (a generic 500): the order was written but its saga could not be started, so the
 * order was cancelled as TECHNICAL_FAILURE rather than left PENDING for ever.
 */
export class SagaNotStarted extends DomainError {
  override readonly name = 'SagaNotStarted';
}

/**
 * Business (409 DUPLICATE_ORDER): the same user placed the same items for the same slot moments
 * ago, and that order is PENDING or CONFIRMED. `extras.order` is that order (API.md: the body
 * carries it).
 */
export class DuplicateOrder extends DomainError {
  override readonly name = 'DuplicateOrder';
}
