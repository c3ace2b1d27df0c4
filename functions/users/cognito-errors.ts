import { Unauthenticated, ValidationFailed } from '../lib/errors';

// How Cognito's answers become the contract's. Cognito and cognito-local name the same failure
// differently (a wrong password is NotAuthorizedException on AWS, InvalidPasswordException on
// cognito-local; an unknown user is NotAuthorizedException under PreventUserExistenceErrors,
// UserNotFoundException without it), so the mapping goes by operation, not by name alone.

const nameOf = (error: unknown): string | undefined =>
  error instanceof Error ? error.name : undefined;

/** One answer for every way the credentials can be wrong: it must not tell which. */
export const WRONG_CREDENTIALS = 'The e-mail address or the password is wrong';

const CREDENTIAL_FAILURES = new Set([
  'NotAuthorizedException',
  'UserNotFoundException',
  'InvalidPasswordException',
  'UserNotConfirmedException',
  'PasswordResetRequiredException',
]);

/** SignUp found an identity with this e-mail address already. */
export const isEmailRegistered = (error: unknown): boolean =>
  nameOf(error) === 'UsernameExistsException';

/** InitiateAuth: the password was right, but the sign-up was never confirmed. */
export const isUnconfirmed = (error: unknown): boolean =>
  nameOf(error) === 'UserNotConfirmedException';

/** AdminConfirmSignUp of an identity that is confirmed already answers NotAuthorizedException. */
export const isAlreadyConfirmed = (error: unknown): boolean =>
  nameOf(error) === 'NotAuthorizedException';

/** InitiateAuth failures: every credential problem is the same 401; anything else stays itself. */
export const signInError = (error: unknown): unknown =>
  CREDENTIAL_FAILURES.has(nameOf(error) ?? '') ? new Unauthenticated(WRONG_CREDENTIALS) : error;

/** SignUp failures that are the client's: the pool's password policy or a refused attribute. */
export const signUpError = (error: unknown): unknown => {
  switch (nameOf(error)) {
    case 'InvalidPasswordException':
      return new ValidationFailed('The request body is invalid', {
        details: [{ field: 'password', message: 'is not accepted as a password' }],
      });
    // Cognito's own constraints, e.g. a password that begins or ends with a space.
    case 'InvalidParameterException': {
      const field = /password/i.test((error as Error).message) ? 'password' : 'email';
      return new ValidationFailed('The request body is invalid', {
        details: [
          {
            field,
            message: `is not accepted as ${field === 'email' ? 'a sign-in address' : 'a password'}`,
          },
        ],
      });
    }
    default:
      return error;
  }
};
