import {
  AdminConfirmSignUpCommand,
  CognitoIdentityProviderClient,
  SignUpCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { createPaymentsRepository } from '../../../functions/payments/payments-repository';
import { api, login, registerAndLogin, uniqueEmail } from '../../support/http-client';
import { requiredEnv } from '../../support/saga-fixtures';

// A first request to each handler is a cold start; on a busy machine that takes seconds.
jest.setTimeout(30_000);

// Matchers are typed `any`; as `unknown` they fit the strict lint.
const anyString = expect.any(String) as unknown;
const anyNumber = expect.any(Number) as unknown;

const payments = createPaymentsRepository(requiredEnv('PAYMENTS_TABLE_NAME'));
const cognito = new CognitoIdentityProviderClient({});

afterAll(() => cognito.destroy());

/** Polls until `probe` answers something, or gives up with undefined after `timeoutMs`. */
async function within<T>(timeoutMs: number, probe: () => Promise<T | undefined>) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined || Date.now() > deadline) return value;
    await new Promise((resolveDelay) => setTimeout(resolveDelay, 100));
  }
}

describe('POST /auth/register, POST /auth/login, GET and PATCH /users/me', () => {
  it('registers a customer who signs in, sees the profile (not an admin) and changes it', async () => {
    const email = uniqueEmail('ada');

    const registered = await api.post('/auth/register', {
      email,
      password: 'correct-horse',
      name: 'Ada Lovelace',
    });
    expect(registered.status).toBe(201);
    expect(registered.body).toEqual({ userId: anyString, email, name: 'Ada Lovelace' });

    const signedIn = await api.post('/auth/login', { email, password: 'correct-horse' });
    expect(signedIn.status).toBe(200);
    expect(signedIn.body).toEqual({
      accessToken: anyString,
      expiresIn: anyNumber,
      tokenType: 'Bearer',
    });
    expect(signedIn.body.expiresIn).toBeGreaterThan(0);
    const token = signedIn.body.accessToken as string;

    const me = await api.get('/users/me', { token });
    expect(me.status).toBe(200);
    expect(me.body).toEqual({
      userId: registered.body.userId,
      email,
      name: 'Ada Lovelace',
      isAdmin: false,
    });

    const patched = await api.patch(
      '/users/me',
      { name: 'Ada King', phone: '+44 20 7946 0958' },
      { token },
    );
    expect(patched.status).toBe(200);
    const changed = {
      userId: registered.body.userId,
      email,
      name: 'Ada King',
      phone: '+44 20 7946 0958',
      isAdmin: false,
    };
    expect(patched.body).toEqual(changed);
    expect((await api.get('/users/me', { token })).body).toEqual(changed);
  });

  it('answers PATCH /users/me with an empty body with the profile, unchanged', async () => {
    const user = await registerAndLogin({ name: 'Grace', phone: '555-0100-22' });

    const patched = await api.patch('/users/me', {}, { token: user.token });

    expect(patched.status).toBe(200);
    expect(patched.body).toEqual({
      userId: user.userId,
      email: user.email,
      name: 'Grace',
      phone: '555-0100-22',
      isAdmin: false,
    });
  });

  it('answers 409 EMAIL_TAKEN to a second registration of the address, in any spelling or password', async () => {
    const user = await registerAndLogin();

    for (const attempt of [
      { email: user.email, password: user.password, name: 'Again' },
      { email: ` ${user.email.toUpperCase()} `, password: 'another-password', name: 'Again' },
    ]) {
      const again = await api.post('/auth/register', attempt);
      expect(again.status).toBe(409);
      expect(again.body).toEqual({ error: { code: 'EMAIL_TAKEN', message: anyString } });
    }
    // The first registration is untouched.
    expect((await api.get('/users/me', { token: user.token })).body).toMatchObject({
      name: user.name,
    });
  });

  it('keeps one spelling of the address: trimmed and lower-case, signing in with any case', async () => {
    const email = uniqueEmail('Mixed.Case');

    const registered = await api.post('/auth/register', {
      email: `  ${email.toUpperCase()} `,
      password: 'correct-horse',
      name: 'Mixed',
    });

    expect(registered.status).toBe(201);
    expect(registered.body.email).toBe(email.toLowerCase());
    await expect(login(email.toUpperCase(), 'correct-horse')).resolves.toEqual(anyString);
  });

  it('opens an empty wallet for the new user in the payments context (UserRegistered over SNS)', async () => {
    const { userId } = await registerAndLogin();

    const wallet = await within(10_000, () => payments.getWallet(userId));

    expect(wallet).toMatchObject({ userId, balance: 0, held: 0, available: 0 });
  });
});

describe('POST /auth/register after a registration that stopped half-way', () => {
  // What a first attempt leaves when its Lambda stops after Cognito's SignUp (and perhaps its
  // AdminConfirmSignUp): an identity with no profile, made here through Cognito directly.
  async function halfRegistered(confirmed: boolean) {
    const email = uniqueEmail('half');
    const password = 'first-attempt';
    const { UserSub } = await cognito.send(
      new SignUpCommand({
        ClientId: requiredEnv('COGNITO_CLIENT_ID'),
        Username: email,
        Password: password,
        UserAttributes: [{ Name: 'email', Value: email }],
      }),
    );
    if (confirmed) {
      await cognito.send(
        new AdminConfirmSignUpCommand({
          UserPoolId: requiredEnv('COGNITO_USER_POOL_ID'),
          Username: email,
        }),
      );
    }
    return { email, password, userId: UserSub };
  }

  it.each([
    ['confirmed', true],
    ['unconfirmed', false],
  ])(
    'finishes it for the same password when the identity is %s: profile, wallet, sign-in',
    async (_, confirmed) => {
      const half = await halfRegistered(confirmed);

      const retried = await api.post('/auth/register', {
        email: half.email,
        password: half.password,
        name: 'Retry',
      });

      expect(retried.status).toBe(201);
      expect(retried.body).toEqual({ userId: half.userId, email: half.email, name: 'Retry' });
      const token = await login(half.email, half.password);
      expect((await api.get('/users/me', { token })).body).toMatchObject({
        userId: half.userId,
        name: 'Retry',
      });
      expect(await within(10_000, () => payments.getWallet(half.userId ?? ''))).toBeDefined();
    },
  );

  it('answers 409 EMAIL_TAKEN to another password, and finishes nothing', async () => {
    const half = await halfRegistered(true);

    const other = await api.post('/auth/register', {
      email: half.email,
      password: 'not-the-first-one',
      name: 'Intruder',
    });

    expect(other.status).toBe(409);
    expect(other.body).toEqual({ error: { code: 'EMAIL_TAKEN', message: anyString } });
    const token = await login(half.email, half.password);
    expect((await api.get('/users/me', { token })).status).toBe(404);
  });
});
