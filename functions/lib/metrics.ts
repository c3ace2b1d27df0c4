import { Metrics } from '@aws-lambda-powertools/metrics';
import type middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { METRICS_SERVICE, metricCatalogue, type MetricKey } from '../../contracts/metrics';

// Powertools Metrics writes CloudWatch EMF lines to stdout; CloudWatch Logs turns them into
// metrics on AWS, the embedded stack's CloudWatch endpoint does locally. The namespace is
// POWERTOOLS_METRICS_NAMESPACE (serverless.yml: shop-<stage>).
export const metrics = new Metrics({ serviceName: METRICS_SERVICE });

type DimensionsOf<K extends MetricKey> = Record<
  (typeof metricCatalogue)[K]['dimensions'][number],
  string
>;

/**
 * Records one value of a catalogue metric with its own dimensions. Each is flushed on its own:
 * dimensions added to the shared instance would apply to every metric of the invocation, an HTTP
 * route's to an order's.
 */
export const recordMetric = <K extends MetricKey>(
  key: K,
  value: number,
  ...[dimensions]: (typeof metricCatalogue)[K]['dimensions'] extends readonly []
    ? []
    : [DimensionsOf<K>]
): void => {
  recordMetricsTogether(
    { [key]: value } as Record<K, number>,
    dimensions ?? ({} as DimensionsOf<K>),
  );
};

/**
 * Several catalogue metrics with the same dimensions as one EMF line instead of one line each:
 * every HTTP request records four (issue 16: each line is printed, piped and parsed locally, and
 * stored by CloudWatch Logs on AWS).
 */
export const recordMetricsTogether = <K extends MetricKey>(
  values: Record<K, number>,
  dimensions: DimensionsOf<K>,
): void => {
  // A buffered instance of its own (singleMetric() would print at every addMetric), configured as
  // the shared one: the same namespace (POWERTOOLS_METRICS_NAMESPACE) and service dimension.
  const together = new Metrics({ serviceName: METRICS_SERVICE });
  for (const [dimension, dimensionValue] of Object.entries<string>(dimensions)) {
    together.addDimension(dimension, dimensionValue);
  }
  for (const [key, value] of Object.entries(values) as [K, number][]) {
    const { name, unit } = metricCatalogue[key];
    together.addMetric(name, unit, value);
  }
  together.publishStoredMetrics();
};

/**
 * Powertools' ColdStart metric, once per execution environment. Not its logMetrics middleware:
 * that one flushes the shared instance after every invocation and warns when it is empty, which
 * it always is here (recordMetric flushes each metric itself).
 */
export const coldStartMetric = (): middy.MiddlewareObj<unknown, unknown, Error, Context> => ({
  before: ({ context }) => {
    metrics.captureColdStartMetric(context.functionName);
  },
});
