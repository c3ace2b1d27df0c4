/**
 * The course shops' scenarios as a Postman collection with tests, written here as data (one entry
 * a request, its scripts as Postman's JavaScript) and turned into a Postman v2.1 collection:
 * `npm run openapi` writes it to docs/scenarios.postman_collection.json for Postman, and
 * `npm run scenarios` runs it with newman. Variables it needs: baseUrl, adminEmail, adminPassword.
 *
 * It arranges its own world through the API (an admin adds two products and two slots on a day
 * of their own), so it runs against any stage, then walks a customer through: register, log in,
 * deposit, order to CONFIRMED; the key replayed (200, same order); another body with that key
 * (422); the same order without a key (409 DUPLICATE_ORDER); payment declined, out of stock and
 * no delivery slot, each CANCELLED with wallet, stock and slot as before; withdrawals.
 */

type Auth = 'admin' | 'customer' | 'none';

interface Step {
  name: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH';
  /** After {{baseUrl}}; Postman variables allowed. */
  path: string;
  auth: Auth;
  body?: unknown;
  headers?: Record<string, string>;
  prerequest?: string[];
  tests: string[];
}

interface Folder {
  name: string;
  steps: Step[];
}

const WAIT_MS = 500;
const MAX_POLLS = 60;

/** Repeats the request while the order is PENDING (at most MAX_POLLS times, WAIT_MS apart). */
const untilOrderEnds = (
  name: string,
  expectations: string[],
): Pick<Step, 'prerequest' | 'tests'> => ({
  prerequest: [`setTimeout(() => {}, pm.variables.get('polls') ? ${WAIT_MS} : 0);`],
  tests: [
    `const polls = Number(pm.variables.get('polls') || 0);`,
    `const order = pm.response.json();`,
    `if (order.status === 'PENDING' && polls < ${MAX_POLLS}) {`,
    `  pm.variables.set('polls', polls + 1);`,
    `  postman.setNextRequest(${JSON.stringify(name)});`,
    `} else {`,
    `  pm.variables.unset('polls');`,
    ...expectations.map((line) => `  ${line}`),
    `}`,
  ],
});

const expectStatus = (status: number) =>
  `pm.test('answers ${status}', () => pm.response.to.have.status(${status}));`;

const expectError = (status: number, code: string) => [
  expectStatus(status),
  `pm.test('with error ${code}', () => pm.expect(pm.response.json().error.code).to.eql('${code}'));`,
];

/** The wallet, the mug's stock and the slot as they were before the order. */
const nothingChanged = (slot: string, booked: number): Step[] => [
  {
    name: `The wallet is as before`,
    method: 'GET',
    path: '/wallet',
    auth: 'customer',
    tests: [
      expectStatus(200),
      `pm.test('balance and held as before', () => pm.expect(pm.response.json()).to.include({ balance: Number(pm.collectionVariables.get('balance')), held: 0 }));`,
    ],
  },
  {
    name: `The mug's stock is as before`,
    method: 'GET',
    path: '/inventory/{{mugId}}',
    auth: 'none',
    tests: [
      expectStatus(200),
      `pm.test('available as before', () => pm.expect(pm.response.json().available).to.eql(Number(pm.collectionVariables.get('mugAvailable'))));`,
    ],
  },
  {
    name: `The slot is as before`,
    method: 'GET',
    path: '/delivery/slots?date={{day}}&limit=100',
    auth: 'none',
    tests: [
      expectStatus(200),
      `const slot = pm.response.json().items.find((item) => item.slotId === pm.collectionVariables.get('${slot}'));`,
      `pm.test('booked as before', () => pm.expect(slot.booked).to.eql(${booked}));`,
    ],
  },
];

const cancelled = (reason: string, items: string, slot: string, booked: number): Step[] => [
  {
    name: `Order that ends ${reason}`,
    method: 'POST',
    path: '/orders',
    auth: 'customer',
    body: `{"items": ${items}, "deliverySlotId": "{{${slot}}}"}`,
    tests: [
      expectStatus(201),
      `pm.collectionVariables.set('cancelledOrderId', pm.response.json().orderId);`,
    ],
  },
  {
    name: `Wait for ${reason}`,
    method: 'GET',
    path: '/orders/{{cancelledOrderId}}',
    auth: 'customer',
    ...untilOrderEnds(`Wait for ${reason}`, [
      expectStatus(200),
      `pm.test('CANCELLED with ${reason}', () => pm.expect(order).to.include({ status: 'CANCELLED', cancellationReason: '${reason}' }));`,
    ]),
  },
  ...nothingChanged(slot, booked).map((step) => ({ ...step, name: `${reason}: ${step.name}` })),
];

const orderBody =
  '{"items": [{"productId": "{{mugId}}", "quantity": 1}], "deliverySlotId": "{{slotId}}"}';

const FOLDERS: Folder[] = [
  {
    name: 'Arrange (admin)',
    steps: [
      {
        name: 'Admin logs in',
        method: 'POST',
        path: '/auth/login',
        auth: 'none',
        body: '{"email": "{{adminEmail}}", "password": "{{adminPassword}}"}',
        prerequest: [
          // A day of its own far ahead, so its slots are this run's alone.
          `const day = new Date(Date.UTC(2400, 0, 1) + Math.floor(Math.random() * 200000) * 86400000);`,
          `pm.collectionVariables.set('day', day.toISOString().slice(0, 10));`,
        ],
        tests: [
          expectStatus(200),
          `pm.collectionVariables.set('adminToken', pm.response.json().accessToken);`,
        ],
      },
      {
        name: 'A mug at 10.00',
        method: 'POST',
        path: '/products',
        auth: 'admin',
        body: '{"name": "Scenario mug {{$guid}}", "price": 1000}',
        tests: [
          expectStatus(201),
          `pm.collectionVariables.set('mugId', pm.response.json().productId);`,
        ],
      },
      {
        name: '10 mugs in stock',
        method: 'PUT',
        path: '/inventory/{{mugId}}',
        auth: 'admin',
        body: '{"onHand": 10}',
        tests: [expectStatus(200)],
      },
      {
        name: 'A teapot, none in stock',
        method: 'POST',
        path: '/products',
        auth: 'admin',
        body: '{"name": "Scenario teapot {{$guid}}", "price": 500}',
        tests: [
          expectStatus(201),
          `pm.collectionVariables.set('teapotId', pm.response.json().productId);`,
        ],
      },
      {
        name: 'A slot for 5 deliveries',
        method: 'POST',
        path: '/delivery/slots',
        auth: 'admin',
        body: '{"start": "{{day}}T09:00:00Z", "end": "{{day}}T11:00:00Z", "capacity": 5}',
        tests: [
          expectStatus(201),
          `pm.collectionVariables.set('slotId', pm.response.json().slotId);`,
        ],
      },
      {
        name: 'A slot that is full',
        method: 'POST',
        path: '/delivery/slots',
        auth: 'admin',
        body: '{"start": "{{day}}T13:00:00Z", "end": "{{day}}T15:00:00Z", "capacity": 0}',
        tests: [
          expectStatus(201),
          `pm.collectionVariables.set('fullSlotId', pm.response.json().slotId);`,
        ],
      },
    ],
  },
  {
    name: 'Order to CONFIRMED',
    steps: [
      {
        name: 'Register',
        method: 'POST',
        path: '/auth/register',
        auth: 'none',
        prerequest: [
          `pm.collectionVariables.set('email', 'scenario-' + pm.variables.replaceIn('{{$guid}}') + '@example.com');`,
          `pm.collectionVariables.set('password', 'Passw0rd-' + pm.variables.replaceIn('{{$guid}}'));`,
          `pm.collectionVariables.set('orderKey', pm.variables.replaceIn('{{$guid}}'));`,
        ],
        body: '{"email": "{{email}}", "password": "{{password}}", "name": "Scenario Customer"}',
        tests: [expectStatus(201)],
      },
      {
        name: 'Log in',
        method: 'POST',
        path: '/auth/login',
        auth: 'none',
        body: '{"email": "{{email}}", "password": "{{password}}"}',
        tests: [
          expectStatus(200),
          `pm.test('a Bearer token', () => pm.expect(pm.response.json().tokenType).to.eql('Bearer'));`,
          `pm.collectionVariables.set('customerToken', pm.response.json().accessToken);`,
        ],
      },
      {
        name: 'Deposit 50.00',
        method: 'POST',
        path: '/wallet/deposits',
        auth: 'customer',
        body: '{"amount": 5000}',
        tests: [
          expectStatus(201),
          `pm.test('the wallet holds it', () => pm.expect(pm.response.json()).to.include({ balance: 5000, available: 5000 }));`,
        ],
      },
      {
        name: 'Order a mug',
        method: 'POST',
        path: '/orders',
        auth: 'customer',
        headers: { 'Idempotency-Key': '{{orderKey}}' },
        body: orderBody,
        tests: [
          expectStatus(201),
          `pm.test('PENDING, priced by the catalog', () => pm.expect(pm.response.json()).to.include({ status: 'PENDING', total: 1000 }));`,
          `pm.test('Location names it', () => pm.expect(pm.response.headers.get('Location')).to.eql('/orders/' + pm.response.json().orderId));`,
          `pm.collectionVariables.set('orderId', pm.response.json().orderId);`,
        ],
      },
      {
        name: 'The same key again: the same order',
        method: 'POST',
        path: '/orders',
        auth: 'customer',
        headers: { 'Idempotency-Key': '{{orderKey}}' },
        body: orderBody,
        tests: [
          expectStatus(200),
          `pm.test('same orderId', () => pm.expect(pm.response.json().orderId).to.eql(pm.collectionVariables.get('orderId')));`,
        ],
      },
      {
        name: 'The same key with another body',
        method: 'POST',
        path: '/orders',
        auth: 'customer',
        headers: { 'Idempotency-Key': '{{orderKey}}' },
        body: '{"items": [{"productId": "{{mugId}}", "quantity": 2}], "deliverySlotId": "{{slotId}}"}',
        tests: expectError(422, 'IDEMPOTENCY_KEY_REUSED'),
      },
      {
        name: 'The same order again, without a key',
        method: 'POST',
        path: '/orders',
        auth: 'customer',
        body: orderBody,
        tests: [
          ...expectError(409, 'DUPLICATE_ORDER'),
          `pm.test('naming the existing order', () => pm.expect(pm.response.json().order.orderId).to.eql(pm.collectionVariables.get('orderId')));`,
        ],
      },
      {
        name: 'Wait for CONFIRMED',
        method: 'GET',
        path: '/orders/{{orderId}}',
        auth: 'customer',
        ...untilOrderEnds('Wait for CONFIRMED', [
          expectStatus(200),
          `pm.test('CONFIRMED', () => pm.expect(order.status).to.eql('CONFIRMED'));`,
        ]),
      },
      {
        name: 'The wallet was charged once',
        method: 'GET',
        path: '/wallet',
        auth: 'customer',
        tests: [
          expectStatus(200),
          `pm.test('40.00 left, nothing held', () => pm.expect(pm.response.json()).to.include({ balance: 4000, held: 0, available: 4000 }));`,
          `pm.collectionVariables.set('balance', 4000);`,
        ],
      },
      {
        name: 'One mug is reserved for it',
        method: 'GET',
        path: '/inventory/{{mugId}}',
        auth: 'none',
        tests: [
          expectStatus(200),
          `pm.test('9 available', () => pm.expect(pm.response.json()).to.include({ onHand: 10, reserved: 1, available: 9 }));`,
          `pm.collectionVariables.set('mugAvailable', 9);`,
        ],
      },
    ],
  },
  {
    name: 'Cancellations undo everything',
    steps: [
      // 5 mugs cost 50.00: above the 40.00 available.
      // (The slot keeps the confirmed order's one booking.)
      ...cancelled('PAYMENT_DECLINED', '[{"productId": "{{mugId}}", "quantity": 5}]', 'slotId', 1),
      ...cancelled('OUT_OF_STOCK', '[{"productId": "{{teapotId}}", "quantity": 1}]', 'slotId', 1),
      ...cancelled(
        'NO_DELIVERY_SLOT',
        '[{"productId": "{{mugId}}", "quantity": 1}]',
        'fullSlotId',
        0,
      ),
    ],
  },
  {
    name: 'Withdrawals',
    steps: [
      {
        name: 'Withdraw 10.00',
        method: 'POST',
        path: '/wallet/withdrawals',
        auth: 'customer',
        headers: { 'Idempotency-Key': 'withdraw-{{orderKey}}' },
        body: '{"amount": 1000}',
        tests: [
          expectStatus(201),
          `pm.test('30.00 left', () => pm.expect(pm.response.json()).to.include({ balance: 3000, available: 3000 }));`,
        ],
      },
      {
        name: 'The same withdrawal key again',
        method: 'POST',
        path: '/wallet/withdrawals',
        auth: 'customer',
        headers: { 'Idempotency-Key': 'withdraw-{{orderKey}}' },
        body: '{"amount": 1000}',
        tests: [
          expectStatus(200),
          `pm.test('withdrawn once', () => pm.expect(pm.response.json().balance).to.eql(3000));`,
        ],
      },
      {
        name: 'Withdraw more than is available',
        method: 'POST',
        path: '/wallet/withdrawals',
        auth: 'customer',
        body: '{"amount": 3001}',
        tests: expectError(409, 'INSUFFICIENT_FUNDS'),
      },
      {
        name: 'The ledger shows one withdrawal',
        method: 'GET',
        path: '/wallet/transactions?limit=100',
        auth: 'customer',
        tests: [
          expectStatus(200),
          `const withdrawals = pm.response.json().items.filter((item) => item.type === 'WITHDRAWAL');`,
          `pm.test('one WITHDRAWAL of 1000', () => pm.expect(withdrawals.map((item) => item.amount)).to.eql([1000]));`,
        ],
      },
    ],
  },
];

const authOf = (auth: Auth) =>
  auth === 'none'
    ? { type: 'noauth' }
    : {
        type: 'bearer',
        bearer: [
          {
            key: 'token',
            value: auth === 'admin' ? '{{adminToken}}' : '{{customerToken}}',
            type: 'string',
          },
        ],
      };

const script = (listen: 'prerequest' | 'test', exec: string[]) => ({
  listen,
  script: { type: 'text/javascript', exec },
});

const itemOf = (step: Step) => ({
  name: step.name,
  event: [
    ...(step.prerequest ? [script('prerequest', step.prerequest)] : []),
    script('test', step.tests),
  ],
  request: {
    method: step.method,
    auth: authOf(step.auth),
    header: [
      ...(step.body !== undefined ? [{ key: 'Content-Type', value: 'application/json' }] : []),
      ...Object.entries(step.headers ?? {}).map(([key, value]) => ({ key, value })),
    ],
    ...(step.body !== undefined ? { body: { mode: 'raw', raw: step.body } } : {}),
    url: `{{baseUrl}}${step.path}`,
  },
});

export function scenariosCollection() {
  return {
    info: {
      name: 'Serverless saga shop: scenarios',
      description: {
        type: 'text/plain',
        content:
          'Register, log in, deposit, order to CONFIRMED; idempotent replays; DUPLICATE_ORDER; each business cancellation undone; withdrawals. Set baseUrl, adminEmail, adminPassword.',
      },
      schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json',
    },
    variable: [
      { key: 'baseUrl', value: 'http://127.0.0.1:3000' },
      { key: 'adminEmail', value: 'admin@shop.local' },
      { key: 'adminPassword', value: '' },
    ],
    item: FOLDERS.map((folder) => ({ name: folder.name, item: folder.steps.map(itemOf) })),
  };
}
