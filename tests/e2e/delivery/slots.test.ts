import { encodeCursor } from '../../../functions/lib/dynamo/pagination';
import { badBodies, contractError } from '../../support/contract-checks';
import { adminToken, api, registerAndLogin } from '../../support/http-client';

// Over HTTP against the shared embedded stack: a function's first call starts its worker, and
// the machine may be busy with other suites.
jest.setTimeout(30_000);

interface Slot {
  slotId: string;
  start: string;
  end: string;
  capacity: number;
  booked: number;
  available: number;
}
interface SlotPage {
  items: Slot[];
  nextCursor?: string;
}

let admin: string;
let customer: string;

beforeAll(async () => {
  [admin, customer] = await Promise.all([
    adminToken(),
    registerAndLogin().then((user) => user.token),
  ]);
});

/** A UTC day far ahead that no other test uses: its slots are this test's alone. */
const freshDay = (): string =>
  new Date(Date.UTC(2200, 0, 1) + Math.floor(Math.random() * 300_000) * 86_400_000)
    .toISOString()
    .slice(0, 10);

async function createSlot(start: string, end: string, capacity = 3): Promise<Slot> {
  const response = await api.post<Slot>(
    '/delivery/slots',
    { start, end, capacity },
    { token: admin },
  );
  expect(response.status).toBe(201);
  return response.body;
}

describe('POST /delivery/slots (admin)', () => {
  it('creates a slot and answers 201 with it, nothing booked yet', async () => {
    const date = freshDay();

    const response = await api.post(
      '/delivery/slots',
      { start: `${date}T09:00:00Z`, end: `${date}T11:00:00Z`, capacity: 4 },
      { token: admin },
    );

    expect(response.status).toBe(201);
    expect(response.body).toEqual({
      slotId: expect.any(String) as unknown,
      start: `${date}T09:00:00.000Z`,
      end: `${date}T11:00:00.000Z`,
      capacity: 4,
      booked: 0,
      available: 4,
    });
  });

  it('stores times given with an offset in UTC', async () => {
    const slot = await createSlot('2150-06-01T10:00:00+02:00', '2150-06-01T12:30:00+02:00');

    expect(slot).toMatchObject({
      start: '2150-06-01T08:00:00.000Z',
      end: '2150-06-01T10:30:00.000Z',
    });
  });

  it('takes a slot with capacity 0, which has no place available', async () => {
    const date = freshDay();

    expect(await createSlot(`${date}T09:00:00Z`, `${date}T10:00:00Z`, 0)).toMatchObject({
      capacity: 0,
      booked: 0,
      available: 0,
    });
  });

  it.each([
    ['ends before it starts', '2150-01-01T10:00:00Z', '2150-01-01T09:00:00Z'],
    ['ends when it starts', '2150-01-01T10:00:00Z', '2150-01-01T10:00:00Z'],
  ])(
    'answers 400 VALIDATION_FAILED for a slot that %s, creating nothing',
    async (_, start, end) => {
      const date = start.slice(0, 10);
      const before = await api.get(`/delivery/slots?date=${date}&limit=100`);

      const response = await api.post(
        '/delivery/slots',
        { start, end, capacity: 1 },
        { token: admin },
      );

      expect(response.status).toBe(400);
      expect(response.body).toEqual(
        contractError('VALIDATION_FAILED', {
          details: [{ field: 'end', message: 'must be after start' }],
        }),
      );
      expect((await api.get(`/delivery/slots?date=${date}&limit=100`)).body).toEqual(before.body);
    },
  );

  it('answers 401 without a token and 403 to a customer', async () => {
    const body = { start: '2150-01-01T09:00:00Z', end: '2150-01-01T10:00:00Z', capacity: 1 };

    const anonymous = await api.post('/delivery/slots', body);
    const byCustomer = await api.post('/delivery/slots', body, { token: customer });

    expect([anonymous.status, byCustomer.status]).toEqual([401, 403]);
    expect(anonymous.body).toEqual(contractError('UNAUTHENTICATED'));
    expect(byCustomer.body).toEqual(contractError('FORBIDDEN'));
  });

  it.each(
    badBodies(
      { start: '2150-01-01T09:00:00Z', end: '2150-01-01T10:00:00Z', capacity: 2 },
      {
        required: ['start', 'end', 'capacity'],
        wrongValues: [
          ['start', 'tomorrow'],
          ['start', '2150-02-30T09:00:00Z'],
          ['end', 1_700_000_000],
          ['capacity', -1],
          ['capacity', 1.5],
          ['capacity', '2'],
          ['capacity', 10_001],
        ],
        unknown: [
          ['slotId', 'chosen-by-client'],
          ['booked', 2],
          ['available', 9],
        ],
      },
    ),
  )('answers %s with 400 and the contract error body', async (_, rawBody, expected) => {
    const response = await api.post('/delivery/slots', undefined, { token: admin, rawBody });

    expect(response.status).toBe(400);
    expect(response.body).toEqual(expected);
  });
});

describe('GET /delivery/slots?date= (public)', () => {
  it("lists the day's slots earliest first, no token needed", async () => {
    const date = freshDay();
    const late = await createSlot(`${date}T17:00:00Z`, `${date}T19:00:00Z`);
    const early = await createSlot(`${date}T09:00:00Z`, `${date}T11:00:00Z`);

    const response = await api.get(`/delivery/slots?date=${date}`);

    expect(response.status).toBe(200);
    expect(response.body).toEqual({ items: [early, late] });
  });

  it('lists a slot under the UTC day it starts on', async () => {
    const date = freshDay();
    const slot = await createSlot(`${date}T23:30:00Z`, `${date}T23:59:00Z`);
    const nextDay = new Date(Date.parse(date) + 86_400_000).toISOString().slice(0, 10);

    expect((await api.get(`/delivery/slots?date=${date}`)).body).toEqual({ items: [slot] });
    expect((await api.get(`/delivery/slots?date=${nextDay}`)).body).toEqual({ items: [] });
  });

  it('pages with limit and cursor, and the last page has no cursor', async () => {
    const date = freshDay();
    const slots: Slot[] = [];
    for (const hour of ['08', '10', '12']) {
      slots.push(await createSlot(`${date}T${hour}:00:00Z`, `${date}T${hour}:45:00Z`));
    }

    const first = await api.get<SlotPage>(`/delivery/slots?date=${date}&limit=2`);
    const second = await api.get<SlotPage>(
      `/delivery/slots?date=${date}&limit=2&cursor=${encodeURIComponent(first.body.nextCursor ?? '')}`,
    );

    expect(first.body).toEqual({
      items: slots.slice(0, 2),
      nextCursor: expect.any(String) as unknown,
    });
    expect(second.body).toEqual({ items: slots.slice(2) });
  });

  it.each([
    ['no date', '', 'date'],
    ['an empty date', '?date=', 'date'],
    ['a date that is no date', '?date=tomorrow', 'date'],
    ['a day that does not exist', '?date=2150-02-30', 'date'],
    ['a month that does not exist', '?date=2150-13-01', 'date'],
    ['a timestamp instead of a date', '?date=2150-01-01T00:00:00Z', 'date'],
    ['a limit of 0', '?date=2150-01-01&limit=0', 'limit'],
    [
      "another day's cursor",
      `?date=2150-01-01&cursor=${encodeCursor({ pk: 'SLOT#x', sk: 'SLOT', gsi1pk: 'DATE#2150-01-02', gsi1sk: 'x' })}`,
      'cursor',
    ],
    ['an unknown parameter', '?date=2150-01-01&status=FREE', 'status'],
  ])('answers %s with 400 VALIDATION_FAILED', async (_, query, field) => {
    const response = await api.get(`/delivery/slots${query}`);

    expect(response.status).toBe(400);
    expect(response.body).toEqual(
      contractError('VALIDATION_FAILED', {
        details: [expect.objectContaining({ field }) as unknown],
      }),
    );
  });
});
