import { metricCatalogue, type MetricKey } from '../../contracts/metrics';

/**
 * What GET /admin/metrics answers (API.md Operations): each metric with its statistics, one
 * series per value of `by` (a route, a reason) when the metric has such a dimension.
 */
export const ADMIN_SERIES: readonly { key: MetricKey; stats: readonly string[]; by?: string }[] = [
  { key: 'ordersPlaced', stats: ['Sum'] },
  { key: 'ordersConfirmed', stats: ['Sum'] },
  { key: 'ordersCancelled', stats: ['Sum'], by: 'reason' },
  { key: 'compensationFailures', stats: ['Sum'] },
  { key: 'sagaDuration', stats: ['p50', 'p99'], by: 'outcome' },
  { key: 'apiRequests', stats: ['Sum'], by: 'route' },
  { key: 'apiServerErrors', stats: ['Sum'], by: 'route' },
  { key: 'apiLatency', stats: ['p50', 'p99'], by: 'route' },
];

export interface SeriesSpec {
  name: string;
  stat: string;
  unit: string;
  dimensions: Record<string, string>;
}

/** The series to ask for, given the values each `by` dimension was seen with. */
export const seriesSpecs = (
  service: string,
  valuesSeen: (key: MetricKey, dimension: string) => readonly string[],
): SeriesSpec[] =>
  ADMIN_SERIES.flatMap(({ key, stats, by }) => {
    const { name, unit } = metricCatalogue[key];
    const dimensionSets =
      by === undefined
        ? [{ service }]
        : valuesSeen(key, by).map((value) => ({ service, [by]: value }));
    return dimensionSets.flatMap((dimensions) =>
      stats.map((stat) => ({ name, stat, unit, dimensions })),
    );
  });
