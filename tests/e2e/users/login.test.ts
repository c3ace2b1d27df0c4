import {
  adminAccount,
  adminToken,
  api,
  registerAndLogin,
  uniqueEmail,
} from '../../support/http-client';

// A first request to each handler is a cold start; on a busy machine that takes seconds.
jest.setTimeout(30_000);

// Matchers are typed `any`; as `unknown` they fit the strict lint.
const anyString = expect.any(String) as unknown;

describe('POST /auth/login', () => {
  it('signs the seeded admin in, whose profile says isAdmin true', async () => {
    const token = await adminToken();

    const me = await api.get('/users/me', { token });

    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ email: adminAccount().email, isAdmin: true });
  });

  it('gives a wrong password and an unknown address the same 401 answer', async () => {
    const user = await registerAndLogin();

    const wrongPassword = await api.post('/auth/login', {
      email: user.email,
      password: `${user.password}-wrong`,
    });
    const unknownEmail = await api.post('/auth/login', {
      email: uniqueEmail('nobody'),
      password: user.password,
    });

    expect(wrongPassword.status).toBe(401);
    expect(wrongPassword.body).toEqual({
      error: { code: 'UNAUTHENTICATED', message: anyString },
    });
    expect(unknownEmail.status).toBe(wrongPassword.status);
    expect(unknownEmail.body).toEqual(wrongPassword.body);
  });

  it('hands out a Bearer access token that lives for a while', async () => {
    const user = await registerAndLogin();

    const signedIn = await api.post('/auth/login', { email: user.email, password: user.password });

    expect(signedIn.body).toMatchObject({ tokenType: 'Bearer' });
    expect(signedIn.body.expiresIn).toBeGreaterThan(60);
    expect(signedIn.body.expiresIn).toBeLessThanOrEqual(3600);
  });
});
