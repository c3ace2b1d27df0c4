import {
  paginateGetMetricData,
  paginateListMetrics,
  type MetricDataQuery,
} from '@aws-sdk/client-cloudwatch';
import { METRICS_SERVICE, metricCatalogue, type MetricKey } from '../../contracts/metrics';
import { cloudWatch } from '../lib/aws/cloudwatch';
import { ADMIN_SERIES, seriesSpecs, type SeriesSpec } from './metric-series';

export interface MetricsWindow {
  from: Date;
  to: Date;
  period: number;
}

export interface Series extends SeriesSpec {
  points: { t: string; value: number }[];
}

/** GetMetricData takes at most 500 queries per call. */
const QUERIES_PER_CALL = 500;

/**
 * Reads the shop's metrics from CloudWatch through the SDK: ListMetrics finds which routes,
 * reasons and outcomes have data, GetMetricData answers their statistics. The same calls on
 * AWS and against the embedded stack's CloudWatch endpoint.
 */
export const createMetricsReader = (namespace: string) => {
  const dimensionValues = async (key: MetricKey, dimension: string): Promise<string[]> => {
    const values = new Set<string>();
    const pages = paginateListMetrics(
      { client: cloudWatch },
      {
        Namespace: namespace,
        MetricName: metricCatalogue[key].name,
        Dimensions: [{ Name: 'service', Value: METRICS_SERVICE }, { Name: dimension }],
      },
    );
    for await (const page of pages) {
      for (const metric of page.Metrics ?? []) {
        const value = metric.Dimensions?.find((d) => d.Name === dimension)?.Value;
        if (value !== undefined) values.add(value);
      }
    }
    return [...values].sort();
  };

  const read = async (specs: readonly SeriesSpec[], window: MetricsWindow): Promise<Series[]> => {
    const series: Series[] = specs.map((spec) => ({ ...spec, points: [] }));
    for (let start = 0; start < specs.length; start += QUERIES_PER_CALL) {
      const queries: MetricDataQuery[] = specs
        .slice(start, start + QUERIES_PER_CALL)
        .map((spec, index) => ({
          Id: `s${start + index}`,
          MetricStat: {
            Metric: {
              Namespace: namespace,
              MetricName: spec.name,
              Dimensions: Object.entries(spec.dimensions).map(([Name, Value]) => ({ Name, Value })),
            },
            Period: window.period,
            Stat: spec.stat,
          },
        }));
      const pages = paginateGetMetricData(
        { client: cloudWatch },
        {
          MetricDataQueries: queries,
          StartTime: window.from,
          EndTime: window.to,
          ScanBy: 'TimestampAscending',
        },
      );
      for await (const page of pages) {
        for (const result of page.MetricDataResults ?? []) {
          const target = series[Number(result.Id?.slice(1))];
          (result.Timestamps ?? []).forEach((timestamp, index) => {
            const value = result.Values?.[index];
            if (value !== undefined) target?.points.push({ t: timestamp.toISOString(), value });
          });
        }
      }
    }
    return series;
  };

  return {
    async readAdminSeries(window: MetricsWindow): Promise<Series[]> {
      const seen = new Map<string, string[]>();
      await Promise.all(
        ADMIN_SERIES.filter(({ by }) => by !== undefined).map(async ({ key, by = '' }) => {
          seen.set(`${key}/${by}`, await dimensionValues(key, by));
        }),
      );
      const specs = seriesSpecs(METRICS_SERVICE, (key, by) => seen.get(`${key}/${by}`) ?? []);
      return read(specs, window);
    },
  };
};
