import './metrics-on';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { metricCatalogue, type MetricKey } from '../../../contracts/metrics';
import { samplesOfEmfLine } from '../../../embedded-stack/cloudwatch/emf';
import type { MetricSample } from '../../../embedded-stack/cloudwatch/types';
import * as http from '../../../functions/lib/middleware/http-handler';
import * as metrics from '../../../functions/lib/metrics';
import { httpEvent } from '../../support/http-event';
import { lambdaContext } from '../../support/lambda-context';

const NAMESPACE = 'shop-test';

/** Runs `act` and returns the samples of the EMF lines it printed. */
async function emitted(act: () => Promise<void> | void): Promise<MetricSample[]> {
  const lines: string[] = [];
  const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: unknown) => {
    lines.push(String(chunk));
    return true;
  });
  try {
    await act();
  } finally {
    write.mockRestore();
  }
  return lines.flatMap((line) => line.split('\n')).flatMap(samplesOfEmfLine);
}

const dimensionsOf = (sample: MetricSample) =>
  Object.fromEntries(sample.metric.dimensions.map((d) => [d.Name, d.Value]));

describe('metrics: what the handlers print is what the catalogue and the local endpoint say', () => {
  it('prints each catalogue metric with its unit, the service and only its own dimensions', async () => {
    const samples = await emitted(() => {
      metrics.recordMetric('ordersPlaced', 1);
      metrics.recordMetric('ordersCancelled', 1, { reason: 'OUT_OF_STOCK' });
      metrics.recordMetric('apiLatency', 12.5, { route: 'POST /orders' });
    });

    expect(
      samples.map((s) => [s.metric.namespace, s.metric.name, s.unit, dimensionsOf(s), s.value]),
    ).toEqual([
      [NAMESPACE, 'OrdersPlaced', 'Count', { service: 'shop' }, 1],
      [NAMESPACE, 'OrdersCancelled', 'Count', { service: 'shop', reason: 'OUT_OF_STOCK' }, 1],
      [NAMESPACE, 'ApiLatency', 'Milliseconds', { service: 'shop', route: 'POST /orders' }, 12.5],
    ]);
  });

  it('counts an HTTP request per route with its error flags and latency, and one cold start', async () => {
    const samples = await emitted(async () => {
      const handler = http.httpHandler(() => http.json(404, { error: { code: 'NOT_FOUND' } }));
      const event: APIGatewayProxyEventV2 = httpEvent({ routeKey: 'GET /orders/{orderId}' });
      await handler(event, lambdaContext('getOrder'));
      await handler(event, lambdaContext('getOrder'));
    });

    const byName = (name: string) => samples.filter((s) => s.metric.name === name);
    expect(byName('ColdStart').map(dimensionsOf)).toEqual([
      { service: 'shop', function_name: 'getOrder' },
    ]);
    expect(byName('ApiRequests').map((s) => [dimensionsOf(s).route, s.value])).toEqual([
      ['GET /orders/{orderId}', 1],
      ['GET /orders/{orderId}', 1],
    ]);
    expect(byName('ApiClientErrors').map((s) => s.value)).toEqual([1, 1]);
    expect(byName('ApiServerErrors').map((s) => s.value)).toEqual([0, 0]);
    expect(byName('ApiLatency')).toHaveLength(2);
  });

  it('is emitted by the code: every catalogue metric is recorded somewhere in functions/', () => {
    const root = resolve(__dirname, '..', '..', '..', 'functions');
    const sources = (dir: string): string[] =>
      readdirSync(dir).flatMap((name) => {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) return sources(path);
        return path.endsWith('.ts') ? [readFileSync(path, 'utf8')] : [];
      });
    const code = sources(root).join('\n');
    const recorded = new Set([
      ...[...code.matchAll(/recordMetric\(\s*'(\w+)'/g)].map((match) => match[1]),
      // recordMetricsTogether({ key: value, … }, dimensions): the object's keys.
      ...[...code.matchAll(/recordMetricsTogether\(\s*\{([^}]*)\}/g)].flatMap((match) =>
        [...(match[1] ?? '').matchAll(/(\w+):/g)].map((key) => key[1]),
      ),
    ]);
    // Powertools emits ColdStart itself, from coldStartMetric() in every middleware stack.
    if (code.includes('captureColdStartMetric(')) recorded.add('coldStart');

    const keys = Object.keys(metricCatalogue) as MetricKey[];
    expect(keys.filter((key) => !recorded.has(key))).toEqual([]);
    // One way to emit: nothing adds a metric outside the catalogue's helper.
    expect(code.match(/\.addMetric\(/g)).toHaveLength(1);
  });
});
