import { DomainError } from '../../lib/errors';

/** Business: some item has fewer units available than ordered, or no stock record. */
export class OutOfStock extends DomainError {
  override readonly name = 'OutOfStock';
}
