import {
  CloudWatchClient,
  GetMetricDataCommand,
  InvalidParameterValueException,
  ListMetricsCommand,
  PutMetricDataCommand,
  type MetricDataQuery,
  type StandardUnit,
} from '@aws-sdk/client-cloudwatch';
import { cbor, dateToTag } from '@smithy/core/cbor';
import {
  startCloudWatchServer,
  type CloudWatchServer,
} from '../../../../embedded-stack/cloudwatch';

const NAMESPACE = 'shop-test';
const minute = (n: number): Date => new Date(Date.UTC(2026, 0, 1, 12, n));

const emf = (at: Date, root: Record<string, unknown>, metrics: string[], unit = 'Count'): string =>
  JSON.stringify({
    _aws: {
      Timestamp: at.getTime(),
      CloudWatchMetrics: [
        {
          Namespace: NAMESPACE,
          Dimensions: [['service']],
          Metrics: metrics.map((Name) => ({ Name, Unit: unit })),
        },
      ],
    },
    service: 'orders',
    ...root,
  });

const query = (
  id: string,
  metricName: string,
  stat: string,
  period = 60,
  unit?: StandardUnit,
): MetricDataQuery => ({
  Id: id,
  MetricStat: {
    Metric: {
      Namespace: NAMESPACE,
      MetricName: metricName,
      Dimensions: [{ Name: 'service', Value: 'orders' }],
    },
    Period: period,
    Stat: stat,
    ...(unit && { Unit: unit }),
  },
});

describe('embedded CloudWatch: the SDK’s GetMetricData and ListMetrics', () => {
  let server: CloudWatchServer;
  let client: CloudWatchClient;

  beforeAll(async () => {
    server = await startCloudWatchServer({ port: 0 });
    client = new CloudWatchClient({
      endpoint: server.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    server.ingestLogLine(emf(minute(0), { OrdersPlaced: 1 }, ['OrdersPlaced']));
    server.ingestLogLine(emf(minute(0), { OrdersPlaced: [1, 1] }, ['OrdersPlaced']));
    server.ingestLogLine(emf(minute(2), { OrdersPlaced: 1 }, ['OrdersPlaced']));
    for (const [index, duration] of [100, 200, 300, 400, 5000].entries()) {
      server.ingestLogLine(
        emf(
          minute(1),
          { SagaDuration: duration, step: String(index) },
          ['SagaDuration'],
          'Milliseconds',
        ),
      );
    }
    server.ingestLogLine('not a metric: ignored');
  });

  afterAll(async () => {
    client.destroy();
    await server.close();
  });

  it('sums a counter per period, newest first by default', async () => {
    const result = await client.send(
      new GetMetricDataCommand({
        StartTime: minute(0),
        EndTime: minute(10),
        MetricDataQueries: [query('placed', 'OrdersPlaced', 'Sum')],
      }),
    );

    expect(result.MetricDataResults).toEqual([
      {
        Id: 'placed',
        Label: 'OrdersPlaced',
        Timestamps: [minute(2), minute(0)],
        Values: [1, 3],
        StatusCode: 'Complete',
        Messages: [],
      },
    ]);
  });

  it('answers percentiles and counts over a longer period, oldest first when asked', async () => {
    const result = await client.send(
      new GetMetricDataCommand({
        StartTime: minute(0),
        EndTime: minute(10),
        ScanBy: 'TimestampAscending',
        MetricDataQueries: [
          query('p50', 'SagaDuration', 'p50', 300),
          query('p99', 'SagaDuration', 'p99', 300),
          query('n', 'OrdersPlaced', 'SampleCount', 300),
        ],
      }),
    );

    expect(result.MetricDataResults?.map((r) => [r.Id, r.Timestamps, r.Values])).toEqual([
      ['p50', [minute(0)], [300]],
      ['p99', [minute(0)], [5000]],
      ['n', [minute(0)], [4]],
    ]);
  });

  it('leaves out samples outside [StartTime, EndTime) and of another unit', async () => {
    const result = await client.send(
      new GetMetricDataCommand({
        StartTime: minute(1),
        EndTime: minute(2),
        MetricDataQueries: [
          query('placed', 'OrdersPlaced', 'Sum'),
          query('seconds', 'SagaDuration', 'Sum', 60, 'Seconds'),
        ],
      }),
    );

    expect(result.MetricDataResults?.map((r) => r.Values)).toEqual([[], []]);
  });

  it('matches the exact dimension set, as CloudWatch does', async () => {
    const result = await client.send(
      new GetMetricDataCommand({
        StartTime: minute(0),
        EndTime: minute(10),
        MetricDataQueries: [
          {
            Id: 'none',
            MetricStat: {
              Metric: { Namespace: NAMESPACE, MetricName: 'OrdersPlaced' },
              Period: 60,
              Stat: 'Sum',
            },
          },
        ],
      }),
    );

    expect(result.MetricDataResults?.[0]?.Values).toEqual([]);
  });

  it('lists the metrics it has seen, filtered by name and dimension', async () => {
    const all = await client.send(new ListMetricsCommand({ Namespace: NAMESPACE }));
    const saga = await client.send(
      new ListMetricsCommand({
        Dimensions: [{ Name: 'service', Value: 'orders' }],
        MetricName: 'SagaDuration',
      }),
    );
    const otherService = await client.send(
      new ListMetricsCommand({ Dimensions: [{ Name: 'service', Value: 'payments' }] }),
    );

    expect(all.Metrics?.map((m) => m.MetricName)).toEqual(['OrdersPlaced', 'SagaDuration']);
    expect(saga.Metrics).toEqual([
      {
        Namespace: NAMESPACE,
        MetricName: 'SagaDuration',
        Dimensions: [{ Name: 'service', Value: 'orders' }],
      },
    ]);
    expect(otherService.Metrics).toEqual([]);
  });

  it('takes PutMetricData values with counts', async () => {
    await client.send(
      new PutMetricDataCommand({
        Namespace: NAMESPACE,
        MetricData: [
          {
            MetricName: 'Put',
            Timestamp: minute(5),
            Values: [10, 20],
            Counts: [3, 1],
            Unit: 'Count',
          },
        ],
      }),
    );
    const result = await client.send(
      new GetMetricDataCommand({
        StartTime: minute(5),
        EndTime: minute(6),
        MetricDataQueries: [
          {
            Id: 'sum',
            MetricStat: {
              Metric: { Namespace: NAMESPACE, MetricName: 'Put' },
              Period: 60,
              Stat: 'Sum',
            },
          },
        ],
      }),
    );

    expect(result.MetricDataResults?.[0]?.Values).toEqual([50]);
  });

  it.each([
    ['a metric-math expression', [{ Id: 'e', Expression: 'SUM(METRICS())' }], minute(0), minute(1)],
    ['an unknown statistic', [query('t', 'OrdersPlaced', 'TM(10%:90%)')], minute(0), minute(1)],
    [
      'a period that is not a multiple of a minute',
      [query('t', 'OrdersPlaced', 'Sum', 90)],
      minute(0),
      minute(1),
    ],
    ['an end before the start', [query('t', 'OrdersPlaced', 'Sum')], minute(1), minute(0)],
    [
      'two queries with one id',
      [query('t', 'OrdersPlaced', 'Sum'), query('t', 'OrdersPlaced', 'Sum')],
      minute(0),
      minute(1),
    ],
  ])('refuses %s with InvalidParameterValueException', async (_name, queries, start, end) => {
    const sent = client.send(
      new GetMetricDataCommand({ StartTime: start, EndTime: end, MetricDataQueries: queries }),
    );

    await expect(sent).rejects.toBeInstanceOf(InvalidParameterValueException);
  });
});

describe('embedded CloudWatch: the Smithy RPC v2 CBOR protocol the aws CLI speaks', () => {
  let server: CloudWatchServer;

  beforeAll(async () => {
    server = await startCloudWatchServer({ port: 0 });
    server.ingestLogLine(emf(minute(0), { OrdersPlaced: 2 }, ['OrdersPlaced']));
  });

  afterAll(async () => {
    await server.close();
  });

  const call = (operation: string, body: unknown): Promise<Response> =>
    fetch(`${server.url}/service/GraniteServiceVersion20100801/operation/${operation}`, {
      method: 'POST',
      headers: { 'content-type': 'application/cbor', 'smithy-protocol': 'rpc-v2-cbor' },
      body: Buffer.from(cbor.serialize(body)),
    });

  it('answers GetMetricData in CBOR with timestamps as tag 1', async () => {
    const response = await call('GetMetricData', {
      StartTime: dateToTag(minute(0)),
      EndTime: dateToTag(minute(1)),
      MetricDataQueries: [query('placed', 'OrdersPlaced', 'Sum')],
    });

    expect(response.status).toBe(200);
    expect(response.headers.get('smithy-protocol')).toBe('rpc-v2-cbor');
    const body = cbor.deserialize(new Uint8Array(await response.arrayBuffer())) as {
      MetricDataResults: { Timestamps: { tag: number; value: number }[]; Values: number[] }[];
    };
    expect(body.MetricDataResults[0]?.Values).toEqual([2]);
    expect(body.MetricDataResults[0]?.Timestamps[0]).toMatchObject({
      tag: 1,
      value: minute(0).getTime() / 1000,
    });
  });

  it('answers an unknown operation with 400 and the query-compatible error code', async () => {
    const response = await call('DeleteDashboards', {});

    expect(response.status).toBe(400);
    expect(response.headers.get('x-amzn-query-error')).toBe('UnknownOperationException;Sender');
  });
});
