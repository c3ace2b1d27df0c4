import {
  isAlreadyConfirmed,
  isEmailRegistered,
  isUnconfirmed,
  signInError,
  signUpError,
  WRONG_CREDENTIALS,
} from '../../../functions/users/cognito-errors';

/** An error as the SDK throws it: the service's exception name is the error's name. */
const cognitoError = (name: string, message = 'from Cognito'): Error =>
  Object.assign(new Error(message), { name });

describe('signing in: Cognito errors to the contract', () => {
  it.each([
    ['a wrong password on AWS', 'NotAuthorizedException'],
    ['an unknown address under PreventUserExistenceErrors', 'NotAuthorizedException'],
    ['an unknown address without it', 'UserNotFoundException'],
    ['a wrong password on cognito-local', 'InvalidPasswordException'],
    ['an unconfirmed account', 'UserNotConfirmedException'],
    ['an account that must reset its password', 'PasswordResetRequiredException'],
  ])('answers %s with the one Unauthenticated error', (_, name) => {
    expect(signInError(cognitoError(name))).toMatchObject({
      name: 'Unauthenticated',
      message: WRONG_CREDENTIALS,
    });
  });

  it('lets anything else through unchanged, to be logged and answered 500', () => {
    const throttled = cognitoError('TooManyRequestsException');

    expect(signInError(throttled)).toBe(throttled);
  });
});

describe('signing up: Cognito errors to the contract', () => {
  it("answers the pool's password policy refusing a password with VALIDATION_FAILED on password", () => {
    expect(signUpError(cognitoError('InvalidPasswordException'))).toMatchObject({
      name: 'ValidationFailed',
      details: [{ field: 'password', message: 'is not accepted as a password' }],
    });
  });

  it('names the field Cognito refused as a parameter', () => {
    expect(
      signUpError(cognitoError('InvalidParameterException', "Value at 'password' failed")),
    ).toMatchObject({ name: 'ValidationFailed', details: [{ field: 'password' }] });
    expect(
      signUpError(cognitoError('InvalidParameterException', 'Username should be an email.')),
    ).toMatchObject({ name: 'ValidationFailed', details: [{ field: 'email' }] });
  });

  it('lets anything else through unchanged', () => {
    const failure = cognitoError('InternalErrorException');

    expect(signUpError(failure)).toBe(failure);
  });
});

describe('recognising the states a registration can be found in', () => {
  it('recognises an address that has an identity already', () => {
    expect(isEmailRegistered(cognitoError('UsernameExistsException'))).toBe(true);
    expect(isEmailRegistered(cognitoError('NotAuthorizedException'))).toBe(false);
  });

  it('recognises a matching password on an unconfirmed identity', () => {
    expect(isUnconfirmed(cognitoError('UserNotConfirmedException'))).toBe(true);
    expect(isUnconfirmed(new Error('UserNotConfirmedException'))).toBe(false);
  });

  it('recognises a confirmation of an identity that is confirmed already', () => {
    expect(isAlreadyConfirmed(cognitoError('NotAuthorizedException'))).toBe(true);
    expect(isAlreadyConfirmed('NotAuthorizedException')).toBe(false);
  });
});
