import type { UserRegisteredEvent } from '../../../contracts/events';
import { EmailTaken } from '../../../functions/users/domain/errors';
import { userRegistered, type Profile } from '../../../functions/users/domain/profile';
import {
  createRegistration,
  type RegistrationDependencies,
} from '../../../functions/users/registration';

const NOW = '2030-01-01T00:00:00.000Z';
const request = { email: 'ada@example.com', password: 'first-password', name: 'Ada' };

/**
 * Cognito and the users table in memory, with the behaviours the registration relies on. The
 * table writes a profile with its UserRegistered outbox item, as the repository's transaction does.
 */
function world() {
  const identities = new Map<string, { sub: string; password: string; confirmed: boolean }>();
  const profiles = new Map<string, Profile>();
  const events: UserRegisteredEvent[] = [];
  let subs = 0;
  const deps = {
    signUp: jest.fn((email: string, password: string) => {
      if (identities.has(email)) return Promise.resolve(undefined);
      const sub = `sub-${++subs}`;
      identities.set(email, { sub, password, confirmed: false });
      return Promise.resolve(sub);
    }),
    confirmSignUp: jest.fn((userId: string) => {
      for (const identity of identities.values())
        if (identity.sub === userId) identity.confirmed = true;
      return Promise.resolve();
    }),
    claimIdentity: jest.fn((email: string, password: string) => {
      const identity = identities.get(email);
      if (identity?.password !== password) return Promise.reject(new EmailTaken('taken'));
      identity.confirmed = true;
      return Promise.resolve(identity.sub);
    }),
    users: {
      createProfile: jest.fn((profile: Profile) => {
        if (profiles.has(profile.userId)) return Promise.resolve({ created: false });
        profiles.set(profile.userId, profile);
        events.push(userRegistered(profile));
        return Promise.resolve({ created: true });
      }),
      getProfile: jest.fn((userId: string) => Promise.resolve(profiles.get(userId))),
    },
    now: () => NOW,
  } satisfies RegistrationDependencies;
  return { deps, identities, profiles, events };
}

describe('registration', () => {
  it('creates and confirms the identity, then writes the profile with its UserRegistered event', async () => {
    const { deps, identities, profiles, events } = world();

    const profile = await createRegistration(deps)(request);

    expect(profile).toEqual({
      userId: 'sub-1',
      email: 'ada@example.com',
      name: 'Ada',
      createdAt: NOW,
      updatedAt: NOW,
    });
    expect(identities.get('ada@example.com')?.confirmed).toBe(true);
    expect(profiles.get('sub-1')).toEqual(profile);
    expect(events).toEqual([
      {
        eventType: 'UserRegistered',
        userId: 'sub-1',
        email: 'ada@example.com',
        name: 'Ada',
        occurredAt: NOW,
      },
    ]);
  });

  it('answers EmailTaken for a finished registration, even with the right password, and announces nothing', async () => {
    const { deps, events } = world();
    const register = createRegistration(deps);
    await register(request);

    await expect(register({ ...request, name: 'Other' })).rejects.toMatchObject({
      name: 'EmailTaken',
    });
    expect(events).toHaveLength(1);
  });

  it('answers EmailTaken when another password claims an unfinished registration', async () => {
    const { deps, identities, profiles, events } = world();
    identities.set(request.email, { sub: 'sub-0', password: 'owner-password', confirmed: false });

    await expect(createRegistration(deps)(request)).rejects.toMatchObject({ name: 'EmailTaken' });
    expect(profiles.size).toBe(0);
    expect(events).toEqual([]);
  });

  it.each([
    ['the confirmation failed', 'confirmSignUp'],
    ['the profile write failed', 'createProfile'],
  ] as const)(
    'finishes a registration on the retry after %s, under the first identity',
    async (_, failing) => {
      const { deps, profiles, events } = world();
      const register = createRegistration(deps);
      const fail = () => Promise.reject(new Error('network down'));
      if (failing === 'createProfile') deps.users.createProfile.mockImplementationOnce(fail);
      else deps[failing].mockImplementationOnce(fail);

      await expect(register(request)).rejects.toThrow('network down');
      const profile = await register(request);

      expect(profile.userId).toBe('sub-1');
      expect(profiles.get('sub-1')).toEqual(profile);
      expect(events).toEqual([
        expect.objectContaining({ eventType: 'UserRegistered', userId: 'sub-1' }),
      ]);
      expect(deps.claimIdentity).toHaveBeenCalledWith(request.email, request.password);
    },
  );

  it('answers EmailTaken to the loser of two concurrent registrations of one address', async () => {
    const { deps } = world();
    // The winner's profile lands between the loser's check and its write.
    deps.users.getProfile.mockResolvedValueOnce(undefined);
    deps.users.createProfile.mockResolvedValueOnce({ created: false });

    await expect(createRegistration(deps)(request)).rejects.toMatchObject({
      name: 'EmailTaken',
    });
  });
});
