// The CloudWatch dashboard of a stage, as the widgets of its DashboardBody. Serverless and
// CloudFormation (!Sub) variables stay as text: `${HttpApi}`, `${AWS::Region}`, the prefix.

/** The stage's name prefix as resources/*.yml write it; serverless resolves it to shop-<stage>. */
export const PREFIX = '${self:custom.names.prefix}';
/** Our metrics' namespace (contracts/metrics.ts: one per stage, named like the prefix). */
const NS = PREFIX;
const SERVICE = ['service', 'shop'];

type MetricLine = unknown[];

export interface Widget {
  type: 'text' | 'metric';
  width: number;
  height: number;
  properties: Record<string, unknown>;
}

interface MetricWidgetOptions {
  width?: number;
  stat?: string;
  period?: number;
  stacked?: boolean;
}

const text = (markdown: string): Widget => ({
  type: 'text',
  width: 24,
  height: 2,
  properties: { markdown },
});

const metricWidget = (
  title: string,
  metrics: MetricLine[],
  { width = 8, stat = 'Sum', period = 60, stacked = false }: MetricWidgetOptions = {},
): Widget => ({
  type: 'metric',
  width,
  height: 6,
  properties: {
    title,
    region: '${AWS::Region}',
    view: 'timeSeries',
    stacked,
    period,
    stat,
    metrics,
  },
});

/** A SEARCH over our namespace with these dimensions: one line per dimension value. */
const search = (dimensions: string, metric: string, stat: string): string =>
  `SEARCH('{${NS},${dimensions}} MetricName="${metric}"', '${stat}', 60)`;

const expression = (formula: string, label = '', id?: string): MetricLine => [
  id === undefined ? { expression: formula, label } : { expression: formula, label, id },
];

/** One line summing (or taking the worst of) the Lambda metric over a context's functions. */
const contextLine = (
  metric: string,
  stat: string,
  aggregate: 'SUM' | 'MAX',
  context: string,
  functions: readonly string[],
): MetricLine => {
  const names = functions.map((name) => `FunctionName="${PREFIX}-${name}"`).join(' OR ');
  return expression(
    `${aggregate}(SEARCH('{AWS/Lambda,FunctionName} MetricName="${metric}" (${names})', '${stat}', 60))`,
    context,
    `${metric.toLowerCase()}_${context}`,
  );
};

const api = (metric: string): MetricLine => [
  'AWS/ApiGateway',
  metric,
  'ApiId',
  '${HttpApi}',
  { label: metric === 'Count' ? 'requests' : metric },
];
const hiddenApi = (metric: string, id: string): MetricLine => [
  'AWS/ApiGateway',
  metric,
  'ApiId',
  '${HttpApi}',
  { id, visible: false },
];
const ours = (metric: string, label: string): MetricLine => [NS, metric, ...SERVICE, { label }];
const saga = (metric: string, label: string): MetricLine => [
  'AWS/States',
  metric,
  'StateMachineArn',
  '${OrderSagaStateMachine}',
  { label },
];

/**
 * Where a message no retry could deliver waits for a person: the dead-letter queues of the events
 * subscriptions (resources/events.yml) and the outbox publishers' failure queues
 * (resources/outbox.yml: a stream batch that could not be published).
 */
export const DEAD_LETTER_QUEUES = [
  'OpenWalletDeadLetterQueue',
  'OpenStockDeadLetterQueue',
  'RecordNotificationDeadLetterQueue',
  'UserEventsFailureQueue',
  'CatalogEventsFailureQueue',
  'OrderEventsFailureQueue',
  'PaymentEventsFailureQueue',
];

/** The dashboard's widgets; `contexts` maps each bounded context to its function names. */
export const dashboardWidgets = (contexts: ReadonlyMap<string, readonly string[]>): Widget[] => {
  const lambdaPerContext = (metric: string, stat: string, aggregate: 'SUM' | 'MAX'): MetricLine[] =>
    [...contexts].map(([context, functions]) =>
      contextLine(metric, stat, aggregate, context, functions),
    );
  return [
    text(
      "## HTTP API\nRequests, errors and latency: API Gateway's own counts for the whole API, and per route the handlers' EMF metrics (`ApiRequests`, `ApiClientErrors`, `ApiServerErrors`, `ApiLatency`).",
    ),
    metricWidget('API requests (API Gateway)', [api('Count'), api('4xx'), api('5xx')]),
    metricWidget('4xx and 5xx rate (%), all routes', [
      hiddenApi('Count', 'requests'),
      hiddenApi('4xx', 'clientErrors'),
      hiddenApi('5xx', 'serverErrors'),
      expression('100 * clientErrors / requests', '4xx %'),
      expression('100 * serverErrors / requests', '5xx %'),
    ]),
    metricWidget('Requests per route', [expression(search('service,route', 'ApiRequests', 'Sum'))]),
    metricWidget('4xx rate per route (%)', [
      expression(`100 * ${search('service,route', 'ApiClientErrors', 'Average')}`),
    ]),
    metricWidget('5xx rate per route (%)', [
      expression(`100 * ${search('service,route', 'ApiServerErrors', 'Average')}`),
    ]),
    ...['p50', 'p90', 'p99'].map((percentile) =>
      metricWidget(`Latency ${percentile} per route (ms)`, [
        expression(search('service,route', 'ApiLatency', percentile)),
      ]),
    ),

    text('## Orders and the saga'),
    metricWidget('Orders per minute by outcome', [
      ours('OrdersPlaced', 'placed'),
      ours('OrdersConfirmed', 'confirmed'),
      expression(search('service,reason', 'OrdersCancelled', 'Sum'), 'cancelled'),
      ours('CompensationFailures', 'compensation failed'),
    ]),
    metricWidget(
      'Cancellations by reason',
      [expression(search('service,reason', 'OrdersCancelled', 'Sum'))],
      { period: 300, stacked: true },
    ),
    metricWidget(
      'Saga duration p50 / p99 (ms)',
      [
        expression(search('service,outcome', 'SagaDuration', 'p50'), 'p50'),
        expression(search('service,outcome', 'SagaDuration', 'p99'), 'p99'),
      ],
      { period: 300 },
    ),
    metricWidget(
      'Saga step attempts per step',
      [expression(search('service,step', 'SagaStepAttempts', 'Sum'))],
      { period: 300 },
    ),
    metricWidget(
      'Saga step retries per step',
      [expression(search('service,step', 'SagaStepRetries', 'Sum'))],
      { period: 300 },
    ),
    metricWidget('Failed saga executions', [
      saga('ExecutionsFailed', 'failed'),
      saga('ExecutionsTimedOut', 'timed out'),
    ]),

    text('## Wallets'),
    metricWidget(
      'Deposits, withdrawals and captured payments (count)',
      [
        ours('Deposits', 'deposits'),
        ours('Withdrawals', 'withdrawals'),
        ours('PaymentsCaptured', 'captured payments'),
      ],
      { width: 12, period: 300 },
    ),
    metricWidget(
      'Deposited, withdrawn and captured amount (minor units)',
      [
        ours('DepositedAmount', 'deposited'),
        ours('WithdrawnAmount', 'withdrawn'),
        ours('CapturedAmount', 'captured'),
      ],
      { width: 12, period: 300 },
    ),

    text(
      '## Lambda, per bounded context\nEach line sums (or, for duration, takes the worst of) the functions of one context, as `functions/<context>/functions.yml` lists them.',
    ),
    metricWidget('Errors per context', lambdaPerContext('Errors', 'Sum', 'SUM')),
    metricWidget('Throttles per context', lambdaPerContext('Throttles', 'Sum', 'SUM')),
    metricWidget(
      'Duration p99, worst function (ms) per context',
      lambdaPerContext('Duration', 'p99', 'MAX'),
    ),
    metricWidget(
      'Cold starts per function (Powertools)',
      [expression(search('function_name,service', 'ColdStart', 'Sum'))],
      { width: 12, period: 300 },
    ),
    metricWidget(
      'Dead-letter queue depth',
      DEAD_LETTER_QUEUES.map((queue) => [
        'AWS/SQS',
        'ApproximateNumberOfMessagesVisible',
        'QueueName',
        `\${${queue}.QueueName}`,
        { label: `\${${queue}.QueueName}` },
      ]),
      { width: 12, stat: 'Maximum' },
    ),
  ];
};
