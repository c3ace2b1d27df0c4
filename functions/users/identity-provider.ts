// The users context's adapter to Cognito, as a repository is to its table: the SDK calls, and
// Cognito's errors turned into the contract's (cognito-errors.ts). The e-mail address is the
// sign-in name; the identity's `sub` is the user's id everywhere else.
import {
  AdminConfirmSignUpCommand,
  InitiateAuthCommand,
  SignUpCommand,
  type AuthenticationResultType,
} from '@aws-sdk/client-cognito-identity-provider';
import { cognito } from '../lib/aws/cognito';
import { Unauthenticated } from '../lib/errors';
import {
  isAlreadyConfirmed,
  isEmailRegistered,
  isUnconfirmed,
  signInError,
  signUpError,
  WRONG_CREDENTIALS,
} from './cognito-errors';
import { usersConfig } from './config';
import { emailTaken } from './domain/errors';
import { claimsOf, sessionOf, type Session } from './domain/session';

/** Creates the identity; its `sub`, or undefined when the e-mail address has one already. */
export async function signUp(email: string, password: string): Promise<string | undefined> {
  try {
    const { UserSub } = await cognito.send(
      new SignUpCommand({
        ClientId: usersConfig.COGNITO_CLIENT_ID,
        Username: email,
        Password: password,
        UserAttributes: [{ Name: 'email', Value: email }],
      }),
    );
    if (!UserSub) throw new Error('SignUp answered without a UserSub');
    return UserSub;
  } catch (error) {
    if (isEmailRegistered(error)) return undefined;
    throw signUpError(error);
  }
}

/**
 * Confirms a sign-up without the e-mailed code: the shop takes the address as given. Confirming
 * one that is confirmed already (a concurrent retry got there first) is no failure.
 */
export async function confirmSignUp(username: string): Promise<void> {
  try {
    await cognito.send(
      new AdminConfirmSignUpCommand({
        UserPoolId: usersConfig.COGNITO_USER_POOL_ID,
        Username: username,
      }),
    );
  } catch (error) {
    if (!isAlreadyConfirmed(error)) throw error;
  }
}

const initiateAuth = async (email: string, password: string): Promise<AuthenticationResultType> => {
  const { AuthenticationResult } = await cognito.send(
    new InitiateAuthCommand({
      ClientId: usersConfig.COGNITO_CLIENT_ID,
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: email, PASSWORD: password },
    }),
  );
  // A challenge (new password, MFA) instead of tokens: no account this API creates has one.
  if (!AuthenticationResult?.AccessToken) throw new Unauthenticated(WRONG_CREDENTIALS);
  return AuthenticationResult;
};

/** Signs in with e-mail and password: the access token, or Unauthenticated. */
export async function signIn(email: string, password: string): Promise<Session> {
  const result = await initiateAuth(email, password).catch((error: unknown) => {
    throw signInError(error);
  });
  return sessionOf(result.AccessToken ?? '', result.ExpiresIn, Math.floor(Date.now() / 1000));
}

/**
 * The `sub` of an existing identity, for a client that proves it owns it by its password: the
 * registration that created it stopped half-way, before its confirmation or its profile. Anyone
 * else gets EmailTaken, never a hint whether the password was close.
 */
export async function claimIdentity(email: string, password: string): Promise<string> {
  const result = await initiateAuth(email, password)
    .catch(async (error: unknown) => {
      // Cognito only says "not confirmed" once the password has matched.
      if (!isUnconfirmed(error)) throw error;
      await confirmSignUp(email);
      return initiateAuth(email, password);
    })
    .catch((error: unknown) => {
      throw signInError(error) instanceof Unauthenticated ? emailTaken() : error;
    });
  return subOf(result);
}

const subOf = (result: AuthenticationResultType): string => {
  const sub = claimsOf(result.AccessToken ?? '').sub;
  if (typeof sub !== 'string' || sub === '') throw new Error('The access token names no sub');
  return sub;
};
