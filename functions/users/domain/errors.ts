import { DomainError } from '../../lib/errors';

/** The e-mail address already belongs to a registered user (API.md: 409 EMAIL_TAKEN). */
export class EmailTaken extends DomainError {
  override readonly name = 'EmailTaken';
}

export const emailTaken = (): EmailTaken =>
  new EmailTaken('An account with this e-mail address exists already');
