import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { samplesOfEmfLine } from '../../../../embedded-stack/cloudwatch/emf';

const emfLine = (root: Record<string, unknown>, aws: Record<string, unknown>): string =>
  JSON.stringify({ _aws: { Timestamp: 1_800_000_000_000, ...aws }, ...root });

describe('embedded CloudWatch: reading EMF log lines', () => {
  it('reads what Powertools Metrics prints: each metric under the default dimensions', () => {
    const metrics = new Metrics({ namespace: 'shop-test', serviceName: 'orders' });
    metrics.addMetric('OrdersPlaced', MetricUnit.Count, 1);
    metrics.addMetric('SagaDuration', MetricUnit.Milliseconds, 840);
    metrics.addMetric('SagaDuration', MetricUnit.Milliseconds, 1200);

    const samples = samplesOfEmfLine(JSON.stringify(metrics.serializeMetrics()));

    const dimensions = [{ Name: 'service', Value: 'orders' }];
    expect(samples.map((s) => [s.metric, s.value, s.unit])).toEqual([
      [{ namespace: 'shop-test', name: 'OrdersPlaced', dimensions }, 1, 'Count'],
      [{ namespace: 'shop-test', name: 'SagaDuration', dimensions }, 840, 'Milliseconds'],
      [{ namespace: 'shop-test', name: 'SagaDuration', dimensions }, 1200, 'Milliseconds'],
    ]);
  });

  it('makes one metric per dimension set, with values from the root and the line’s timestamp', () => {
    const line = emfLine(
      { route: 'POST /orders', status: '2xx', Latency: 12 },
      {
        CloudWatchMetrics: [
          {
            Namespace: 'shop-test',
            Dimensions: [['route'], ['route', 'status'], []],
            Metrics: [{ Name: 'Latency', Unit: 'Milliseconds' }],
          },
        ],
      },
    );

    const samples = samplesOfEmfLine(line);

    expect(samples.map((s) => s.metric.dimensions)).toEqual([
      [{ Name: 'route', Value: 'POST /orders' }],
      [
        { Name: 'route', Value: 'POST /orders' },
        { Name: 'status', Value: '2xx' },
      ],
      [],
    ]);
    expect(samples.every((s) => s.timestamp.getTime() === 1_800_000_000_000)).toBe(true);
  });

  it('skips a dimension set whose value is missing, and metrics with no unit are None', () => {
    const line = emfLine(
      { Retries: 2 },
      {
        CloudWatchMetrics: [
          { Namespace: 'shop-test', Dimensions: [['step'], []], Metrics: [{ Name: 'Retries' }] },
        ],
      },
    );

    expect(samplesOfEmfLine(line).map((s) => [s.metric.dimensions, s.unit])).toEqual([
      [[], 'None'],
    ]);
  });

  it('finds the JSON in a line a runner prefixed', () => {
    const line = emfLine(
      { Deposits: 5 },
      {
        CloudWatchMetrics: [
          { Namespace: 'shop-test', Dimensions: [[]], Metrics: [{ Name: 'Deposits' }] },
        ],
      },
    );

    expect(samplesOfEmfLine(`(λ: deposit) ${line}`)).toHaveLength(1);
  });

  it.each([
    ['a plain log line', 'GET /health 200'],
    ['a Powertools Logger line', JSON.stringify({ level: 'INFO', message: 'placed', _aws: 1 })],
    ['broken JSON', '{"_aws": {'],
    ['no metrics directive', JSON.stringify({ _aws: { Timestamp: 1 } })],
  ])('ignores %s', (_name, line) => {
    expect(samplesOfEmfLine(line)).toEqual([]);
  });
});
