import { eventually } from '../../support/contract-checks';
import { adminToken, api } from '../../support/http-client';
import {
  customerWith,
  freshSlot,
  orderWhenEnded,
  placeOrder,
  productInStock,
} from '../../support/shop-scenario';

// GET /admin/metrics reads CloudWatch through the SDK; locally that is the embedded stack's
// CloudWatch endpoint, fed by the EMF lines the handlers print. An order run through the stack
// shows up there: placed, confirmed, its saga's duration, its route's latency.

interface Series {
  name: string;
  stat: string;
  unit: string;
  dimensions: Record<string, string>;
  points: { t: string; value: number }[];
}
interface MetricsAnswer {
  from: string;
  to: string;
  period: number;
  series: Series[];
}

const MINUTE = 60_000;

const metricsAround = async (since: Date) => {
  const from = new Date(Math.floor(since.getTime() / MINUTE) * MINUTE - MINUTE).toISOString();
  const to = new Date(Date.now() + MINUTE).toISOString();
  return api.get<MetricsAnswer>(`/admin/metrics?from=${from}&to=${to}&period=60`, {
    token: await adminToken(),
  });
};

const total = (answer: MetricsAnswer, name: string, dimensions: Record<string, string> = {}) =>
  answer.series
    .filter(
      (series) =>
        series.name === name &&
        series.stat === 'Sum' &&
        Object.entries(dimensions).every(([key, value]) => series.dimensions[key] === value),
    )
    .flatMap((series) => series.points)
    .reduce((sum, point) => sum + point.value, 0);

const pointsOf = (answer: MetricsAnswer, name: string, stat: string, dimension: [string, string]) =>
  answer.series
    .filter(
      (series) =>
        series.name === name &&
        series.stat === stat &&
        series.dimensions[dimension[0]] === dimension[1],
    )
    .flatMap((series) => series.points);

describe('GET /admin/metrics', () => {
  it('counts an order placed and confirmed, with its saga duration and its route’s latency', async () => {
    const started = new Date();
    const before = await metricsAround(started);
    expect(before.status).toBe(200);
    const customer = await customerWith(1000);
    const product = await productInStock(250, 5);
    const slot = await freshSlot(3);

    const placed = await placeOrder(
      customer,
      [{ productId: product.productId, quantity: 1 }],
      slot.slotId,
    );
    expect(placed.status).toBe(201);
    expect((await orderWhenEnded(customer, placed.body.orderId)).status).toBe('CONFIRMED');

    const after = await eventually(
      () => metricsAround(started),
      ({ body }) =>
        total(body, 'OrdersConfirmed') > total(before.body, 'OrdersConfirmed') &&
        total(body, 'OrdersPlaced') > total(before.body, 'OrdersPlaced'),
      15_000,
    );
    expect(after.status).toBe(200);
    expect(total(after.body, 'OrdersPlaced')).toBeGreaterThan(total(before.body, 'OrdersPlaced'));
    expect(total(after.body, 'OrdersConfirmed')).toBeGreaterThan(
      total(before.body, 'OrdersConfirmed'),
    );
    for (const stat of ['p50', 'p99']) {
      const durations = pointsOf(after.body, 'SagaDuration', stat, ['outcome', 'CONFIRMED']);
      expect(durations.length).toBeGreaterThan(0);
      expect(durations.every((point) => point.value > 0)).toBe(true);
    }
    expect(
      pointsOf(after.body, 'ApiLatency', 'p99', ['route', 'POST /orders']).length,
    ).toBeGreaterThan(0);
    expect(after.body.series.find((series) => series.name === 'SagaDuration')?.unit).toBe(
      'Milliseconds',
    );
  });

  it('answers the window it was asked for', async () => {
    const response = await api.get<MetricsAnswer>(
      '/admin/metrics?from=2026-01-01T00:00:00Z&to=2026-01-01T02:00:00Z&period=300',
      { token: await adminToken() },
    );

    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      from: '2026-01-01T00:00:00.000Z',
      to: '2026-01-01T02:00:00.000Z',
      period: 300,
    });
  });

  it.each([
    ['a period that is not whole minutes', 'period=90'],
    ['from after to', 'from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z'],
    ['too many periods', 'from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z&period=60'],
    ['a date that is not one', 'from=yesterday'],
  ])('refuses %s with 400 VALIDATION_FAILED', async (_name, query) => {
    const response = await api.get(`/admin/metrics?${query}`, { token: await adminToken() });

    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ error: { code: 'VALIDATION_FAILED' } });
  });

  it('is for admins only', async () => {
    const customer = await customerWith(0);

    expect((await api.get('/admin/metrics')).status).toBe(401);
    expect((await api.get('/admin/metrics', { token: customer.token })).status).toBe(403);
  });
});
