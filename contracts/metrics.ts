// Every metric the shop emits, in one place: the handlers emit through this
// catalogue (Powertools Metrics, CloudWatch EMF), resources/observability.yml
// draws and alarms on these names, GET /admin/metrics reads them, and
// tests/unit/resources/observability.test.ts checks the three agree.

/** Powertools Metrics adds `service` to every metric; fixed so dashboards can name it. */
export const METRICS_SERVICE = 'shop';

/** One namespace per stage (serverless.yml: `${self:custom.names.prefix}`). */
export const metricsNamespace = (stage: string): string => `shop-${stage}`;

export type MetricUnitName = 'Count' | 'Milliseconds' | 'None';

export interface MetricDefinition {
  name: string;
  unit: MetricUnitName;
  /** Dimensions besides `service`, in the order the code adds them. */
  dimensions: readonly string[];
  description: string;
}

export const metricCatalogue = {
  apiRequests: {
    name: 'ApiRequests',
    unit: 'Count',
    dimensions: ['route'],
    description: 'HTTP requests a handler answered, per route ("POST /orders")',
  },
  apiClientErrors: {
    name: 'ApiClientErrors',
    unit: 'Count',
    dimensions: ['route'],
    description: '1 for a 4xx answer, else 0: its Average is the 4xx rate',
  },
  apiServerErrors: {
    name: 'ApiServerErrors',
    unit: 'Count',
    dimensions: ['route'],
    description: '1 for a 5xx answer, else 0: its Average is the 5xx rate',
  },
  apiLatency: {
    name: 'ApiLatency',
    unit: 'Milliseconds',
    dimensions: ['route'],
    description: 'time from the handler receiving a request to its answer',
  },
  ordersPlaced: {
    name: 'OrdersPlaced',
    unit: 'Count',
    dimensions: [],
    description: 'orders accepted by POST /orders (their saga started)',
  },
  ordersConfirmed: {
    name: 'OrdersConfirmed',
    unit: 'Count',
    dimensions: [],
    description: 'orders whose saga ended CONFIRMED',
  },
  ordersCancelled: {
    name: 'OrdersCancelled',
    unit: 'Count',
    dimensions: ['reason'],
    description: 'orders whose saga ended CANCELLED, per cancellationReason',
  },
  compensationFailures: {
    name: 'CompensationFailures',
    unit: 'Count',
    dimensions: [],
    description: 'orders left COMPENSATION_FAILED: an undo step could not finish',
  },
  sagaDuration: {
    name: 'SagaDuration',
    unit: 'Milliseconds',
    dimensions: ['outcome'],
    description: 'from the order being placed to its terminal status, per outcome',
  },
  sagaStepAttempts: {
    name: 'SagaStepAttempts',
    unit: 'Count',
    dimensions: ['step'],
    description: 'every run of a saga step or undo step, per state name',
  },
  sagaStepRetries: {
    name: 'SagaStepRetries',
    unit: 'Count',
    dimensions: ['step'],
    description: 'runs of a step that were a Retry (attempt > 0), per state name',
  },
  deposits: {
    name: 'Deposits',
    unit: 'Count',
    dimensions: [],
    description: 'money deposited into wallets (POST /wallet/deposits)',
  },
  depositedAmount: {
    name: 'DepositedAmount',
    unit: 'None',
    dimensions: [],
    description: 'the amounts deposited, in minor units of the shop currency',
  },
  withdrawals: {
    name: 'Withdrawals',
    unit: 'Count',
    dimensions: [],
    description: 'payments captured from wallets (the saga’s CapturePayment)',
  },
  withdrawnAmount: {
    name: 'WithdrawnAmount',
    unit: 'None',
    dimensions: [],
    description: 'the amounts captured, in minor units of the shop currency',
  },
  coldStart: {
    name: 'ColdStart',
    unit: 'Count',
    dimensions: ['function_name'],
    description: 'Lambda cold starts, emitted by Powertools (captureColdStartMetric)',
  },
} as const satisfies Record<string, MetricDefinition>;

export type MetricKey = keyof typeof metricCatalogue;
