import { DomainError } from '../../shared/errors';

/** Technical: a saga step asked for a status change the order's status forbids. */
export class InvalidOrderTransition extends DomainError {
  override readonly name = 'InvalidOrderTransition';
}
