import { api, registerAndLogin, type TestUser } from '../../support/http-client';
import { forgedTokens, idTokenFor } from '../../support/tokens';

// A first request to each handler is a cold start; on a busy machine that takes seconds.
jest.setTimeout(30_000);

// Matchers are typed `any`; as `unknown` they fit the strict lint.
const anyString = expect.any(String) as unknown;

const unauthenticated = {
  error: { code: 'UNAUTHENTICATED', message: anyString },
};

describe('GET /users/me refuses every token that is not a valid access token of the pool', () => {
  let user: TestUser;
  beforeAll(async () => {
    user = await registerAndLogin();
  });

  it('accepts the genuine access token (the forgeries below copy it)', async () => {
    expect((await api.get('/users/me', { token: user.token })).status).toBe(200);
  });

  it('answers 401 without an Authorization header', async () => {
    const response = await api.get('/users/me');

    expect(response.status).toBe(401);
    expect(response.body).toEqual(unauthenticated);
  });

  it('answers 401 to another scheme than Bearer', async () => {
    const response = await api.get('/users/me', {
      headers: { authorization: `Basic ${user.token}` },
    });

    expect(response.status).toBe(401);
    expect(response.body).toEqual(unauthenticated);
  });

  it.each([
    ['garbage', () => forgedTokens.garbage],
    ['an expired token, correctly signed by the pool', () => forgedTokens.expired(user.token)],
    [
      'a token signed by another key under the same kid',
      () => forgedTokens.signedByAnotherKey(user.token),
    ],
    ['a token with alg none', () => forgedTokens.algNone(user.token)],
    [
      'a token of another app client, correctly signed',
      () => forgedTokens.withClaims(user.token, { client_id: 'someotherclient' }),
    ],
    ['an ID token instead of an access token', () => idTokenFor(user.email, user.password)],
  ])('answers 401 in the contract shape to %s', async (_, token) => {
    const response = await api.get('/users/me', { token: await token() });

    expect(response.status).toBe(401);
    expect(response.body).toEqual(unauthenticated);
  });
});
