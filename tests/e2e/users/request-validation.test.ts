import {
  api,
  login,
  registerAndLogin,
  uniqueEmail,
  type TestUser,
} from '../../support/http-client';

// A first request to each handler is a cold start; on a busy machine that takes seconds.
jest.setTimeout(30_000);

// Matchers are typed `any`; as `unknown` they fit the strict lint.
const anyString = expect.any(String) as unknown;

// API.md: a body that is not JSON is 400 MALFORMED_JSON, one over 64 KiB 413 PAYLOAD_TOO_LARGE,
// and a strict schema answers a wrong type, a missing and an unknown field 400 VALIDATION_FAILED,
// never a 5xx, and changes nothing.

const errorBody = (code: string) => ({
  error: expect.objectContaining({ code, message: anyString }) as unknown,
});
const invalidField = (field: string) => ({
  error: {
    code: 'VALIDATION_FAILED',
    message: anyString,
    details: expect.arrayContaining([expect.objectContaining({ field })]) as unknown,
  },
});

let user: TestUser;
beforeAll(async () => {
  user = await registerAndLogin();
});

const registration = () => ({ email: uniqueEmail('invalid'), password: 'long-enough', name: 'N' });

interface Route {
  route: string;
  method: 'post' | 'patch';
  path: string;
  signedIn: boolean;
  valid: () => Record<string, unknown>;
  /** A field of the body and a value of the wrong type for it. */
  wrongType: [string, unknown];
}

const routes: Route[] = [
  {
    route: 'POST /auth/register',
    method: 'post',
    path: '/auth/register',
    signedIn: false,
    valid: registration,
    wrongType: ['name', 42],
  },
  {
    route: 'POST /auth/login',
    method: 'post',
    path: '/auth/login',
    signedIn: false,
    valid: () => ({ email: user.email, password: user.password }),
    wrongType: ['password', ['a', 'list']],
  },
  {
    route: 'PATCH /users/me',
    method: 'patch',
    path: '/users/me',
    signedIn: true,
    valid: () => ({ name: 'N', phone: '+1 555 0100' }),
    wrongType: ['phone', 15550100],
  },
];

const send = ({ method, path, signedIn }: Route, body: unknown, rawBody?: string) =>
  api[method](path, body, {
    ...(signedIn ? { token: user.token } : {}),
    ...(rawBody !== undefined ? { rawBody } : {}),
  });

describe.each(routes)('$route', (route) => {
  it('answers a body that is not JSON with 400 MALFORMED_JSON', async () => {
    const response = await send(route, undefined, '{"name": "N",');

    expect(response.status).toBe(400);
    expect(response.body).toEqual(errorBody('MALFORMED_JSON'));
  });

  it('answers a field of the wrong type with 400 VALIDATION_FAILED naming it', async () => {
    const [field, value] = route.wrongType;

    const response = await send(route, { ...route.valid(), [field]: value });

    expect(response.status).toBe(400);
    expect(response.body).toEqual(invalidField(field));
  });

  it('answers an unknown field with 400 VALIDATION_FAILED naming it', async () => {
    const response = await send(route, { ...route.valid(), isAdmin: true });

    expect(response.status).toBe(400);
    expect(response.body).toEqual(invalidField('isAdmin'));
  });

  it('answers a JSON body that is not an object with 400 VALIDATION_FAILED', async () => {
    const response = await send(route, ['not', 'an', 'object']);

    expect(response.status).toBe(400);
    expect(response.body).toEqual(errorBody('VALIDATION_FAILED'));
  });

  it('answers a body over 64 KiB with 413 PAYLOAD_TOO_LARGE', async () => {
    const response = await send(route, { ...route.valid(), name: 'x'.repeat(65 * 1024) });

    expect(response.status).toBe(413);
    expect(response.body).toEqual(errorBody('PAYLOAD_TOO_LARGE'));
  });
});

describe('a missing field', () => {
  it.each([['email'], ['password'], ['name']])(
    'POST /auth/register without %s: 400 VALIDATION_FAILED naming it',
    async (field) => {
      const body: Record<string, unknown> = registration();
      delete body[field];

      const response = await api.post('/auth/register', body);

      expect(response.status).toBe(400);
      expect(response.body).toEqual(invalidField(field));
    },
  );

  it.each([['email'], ['password']])(
    'POST /auth/login without %s: 400 VALIDATION_FAILED naming it',
    async (field) => {
      const body: Record<string, unknown> = { email: user.email, password: user.password };
      delete body[field];

      const response = await api.post('/auth/login', body);

      expect(response.status).toBe(400);
      expect(response.body).toEqual(invalidField(field));
    },
  );

  // PATCH /users/me has no required field: a missing one is left as it is.
  it('PATCH /users/me without name changes only the phone', async () => {
    const response = await api.patch('/users/me', { phone: '555 0100 99' }, { token: user.token });

    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ name: user.name, phone: '555 0100 99' });
  });
});

describe('POST /auth/register field rules', () => {
  it('refuses a password under 8 characters with 400 on password, and registers nothing', async () => {
    const body = { ...registration(), password: 'seven77' };

    const response = await api.post('/auth/register', body);

    expect(response.status).toBe(400);
    expect(response.body).toEqual(invalidField('password'));
    // No identity was made: the address registers normally afterwards.
    expect((await api.post('/auth/register', { ...body, password: 'eight888' })).status).toBe(201);
  });

  it('accepts a password of exactly 8 characters of any kind', async () => {
    const body = { ...registration(), password: 'aaaaaaaa' };

    expect((await api.post('/auth/register', body)).status).toBe(201);
    await expect(login(body.email, body.password)).resolves.toEqual(anyString);
  });

  it('refuses an address that is not one, a blank name and a phone without digits', async () => {
    for (const [field, value] of [
      ['email', 'not-an-address'],
      ['name', '   '],
      ['phone', 'call me maybe'],
    ] as const) {
      const response = await api.post('/auth/register', { ...registration(), [field]: value });

      expect(response.status).toBe(400);
      expect(response.body).toEqual(invalidField(field));
    }
  });

  it('registers nothing when the body has an unknown field', async () => {
    const body = registration();

    expect((await api.post('/auth/register', { ...body, role: 'admin' })).status).toBe(400);

    expect((await api.post('/auth/register', body)).status).toBe(201);
  });
});
