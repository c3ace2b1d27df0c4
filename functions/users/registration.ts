import { emailTaken } from './domain/errors';
import { newProfile, type Profile } from './domain/profile';
import type { UsersRepository } from './users-repository';

/** What registering needs from the outside; handlers/register-user.ts wires the real ones. */
export interface RegistrationDependencies {
  /** Cognito SignUp: the new identity's `sub`, or undefined when the address has one already. */
  signUp: (email: string, password: string) => Promise<string | undefined>;
  confirmSignUp: (userId: string) => Promise<void>;
  /** The `sub` of the existing identity if the password is its own; EmailTaken otherwise. */
  claimIdentity: (email: string, password: string) => Promise<string>;
  users: Pick<UsersRepository, 'createProfile' | 'getProfile'>;
  now: () => string;
}

export interface RegistrationRequest {
  email: string;
  password: string;
  name: string;
  phone?: string | undefined;
}

/**
 * POST /auth/register. Three steps, and a Lambda may stop between any two of them: the Cognito
 * identity, its confirmation, the profile with its UserRegistered event (one transaction, so the
 * event exists exactly when the profile does). None can be undone from here, so they are ordered
 * to be repeatable instead. The profile is written last, and only once: it is the mark of a
 * finished registration. Every step before it may run again (confirming twice is a no-op).
 *
 * A client whose request failed half-way sends it again. Cognito then answers "exists"; the
 * client proves by its password that the identity is the one its first attempt made, and the
 * steps after it run. Without this, the address would answer EMAIL_TAKEN forever while no
 * profile, no wallet and no way to finish existed. A different password gets EMAIL_TAKEN, as
 * does any address whose profile exists.
 */
export const createRegistration =
  (deps: RegistrationDependencies) =>
  async (request: RegistrationRequest): Promise<Profile> => {
    const { email, password, ...details } = request;
    const userId = await identityFor(deps, email, password);
    const profile = newProfile(userId, { email, ...details }, deps.now());

    // A concurrent registration of the same address finished first.
    if (!(await deps.users.createProfile(profile)).created) throw emailTaken();
    return profile;
  };

async function identityFor(
  deps: RegistrationDependencies,
  email: string,
  password: string,
): Promise<string> {
  const userId = await deps.signUp(email, password);
  if (userId !== undefined) {
    await deps.confirmSignUp(userId);
    return userId;
  }
  const existing = await deps.claimIdentity(email, password);
  if (await deps.users.getProfile(existing)) throw emailTaken();
  return existing;
}
