import { DomainError } from '../../lib/errors';

/** Business: the slot is full, has capacity 0, or does not exist. */
export class SlotUnavailable extends DomainError {
  override readonly name = 'SlotUnavailable';
}
