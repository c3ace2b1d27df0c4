import type { Dimension, MetricIdentity, MetricSample } from './types';

// A metric is its namespace, name and set of dimensions (order does not
// matter, as in CloudWatch); its samples are kept raw, in memory, so any
// statistic and period can be asked for later. A local run produces a few
// thousand samples, not the millions that would call for pre-aggregation.

interface StoredMetric {
  identity: MetricIdentity;
  samples: MetricSample[];
}

export interface DimensionFilter {
  Name: string;
  Value?: string;
}

const keyOf = (metric: MetricIdentity): string =>
  JSON.stringify([
    metric.namespace,
    metric.name,
    [...metric.dimensions]
      .sort((a, b) => a.Name.localeCompare(b.Name))
      .map((d) => [d.Name, d.Value]),
  ]);

const hasDimension = (dimensions: readonly Dimension[], filter: DimensionFilter): boolean =>
  dimensions.some(
    (d) => d.Name === filter.Name && (filter.Value === undefined || d.Value === filter.Value),
  );

export class MetricStore {
  private readonly metrics = new Map<string, StoredMetric>();

  add(samples: readonly MetricSample[]): void {
    for (const sample of samples) {
      const key = keyOf(sample.metric);
      const stored = this.metrics.get(key);
      if (stored) stored.samples.push(sample);
      else this.metrics.set(key, { identity: sample.metric, samples: [sample] });
    }
  }

  /** The samples of exactly this metric (same dimension set) in [from, to). */
  samples(metric: MetricIdentity, from: Date, to: Date, unit?: string): MetricSample[] {
    const stored = this.metrics.get(keyOf(metric));
    if (!stored) return [];
    return stored.samples.filter(
      (s) => s.timestamp >= from && s.timestamp < to && (unit === undefined || s.unit === unit),
    );
  }

  /** Metrics matching ListMetrics' filters, optionally only those with a sample since `since`. */
  list(filter: {
    namespace?: string;
    name?: string;
    dimensions?: readonly DimensionFilter[];
    since?: Date;
  }): MetricIdentity[] {
    const since = filter.since;
    return [...this.metrics.values()]
      .filter(
        ({ identity, samples }) =>
          (filter.namespace === undefined || identity.namespace === filter.namespace) &&
          (filter.name === undefined || identity.name === filter.name) &&
          (filter.dimensions ?? []).every((d) => hasDimension(identity.dimensions, d)) &&
          (since === undefined || samples.some((s) => s.timestamp >= since)),
      )
      .map(({ identity }) => identity);
  }
}
