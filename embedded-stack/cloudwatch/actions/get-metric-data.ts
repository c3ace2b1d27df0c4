import * as z from 'zod';
import { ServiceError } from '../errors';
import type { MetricStore } from '../metric-store';
import { statisticNamed, type Statistic } from '../statistics';
import type { MetricSample } from '../types';
import type { Action } from './context';
import { metricSchema, parseRequest, timestampSchema } from './request';

const HIGH_RESOLUTION_PERIODS = [1, 5, 10, 20, 30];

const periodSchema = z
  .number()
  .int()
  .refine((period) => period % 60 === 0 || HIGH_RESOLUTION_PERIODS.includes(period), {
    message: 'must be 1, 5, 10, 20, 30 or a multiple of 60',
  });

const querySchema = z.object({
  Id: z.string().regex(/^[a-z][a-zA-Z0-9_]*$/),
  MetricStat: z
    .object({
      Metric: metricSchema,
      Period: periodSchema,
      Stat: z.string().min(1),
      Unit: z.string().optional(),
    })
    .optional(),
  Expression: z.string().optional(),
  Label: z.string().optional(),
  ReturnData: z.boolean().optional(),
});

const requestSchema = z.object({
  MetricDataQueries: z.array(querySchema).min(1).max(500),
  StartTime: timestampSchema,
  EndTime: timestampSchema,
  ScanBy: z.enum(['TimestampDescending', 'TimestampAscending']).optional(),
  MaxDatapoints: z.number().int().positive().optional(),
});

type Query = z.infer<typeof querySchema>;

/** CloudWatch rounds the start down to the minute, or to the period when shorter. */
const roundedStart = (start: Date, period: number): number => {
  const step = Math.min(period, 60) * 1000;
  return Math.floor(start.getTime() / step) * step;
};

const seriesOf = (
  samples: readonly MetricSample[],
  start: number,
  period: number,
  statistic: Statistic,
): { timestamp: Date; value: number }[] => {
  const buckets = new Map<number, MetricSample[]>();
  for (const sample of samples) {
    const bucket =
      start + Math.floor((sample.timestamp.getTime() - start) / (period * 1000)) * period * 1000;
    const inBucket = buckets.get(bucket);
    if (inBucket) inBucket.push(sample);
    else buckets.set(bucket, [sample]);
  }
  return [...buckets.entries()].map(([bucket, inBucket]) => ({
    timestamp: new Date(bucket),
    value: statistic(inBucket),
  }));
};

const resultOf = (query: Query, store: MetricStore, request: z.infer<typeof requestSchema>) => {
  const stat = query.MetricStat;
  if (!stat) {
    // Metric math is AWS's; the local endpoint answers metrics only, and says so
    // rather than returning numbers that might differ from AWS's.
    throw new ServiceError(
      'InvalidParameterValueException',
      `Query ${query.Id}: the local CloudWatch endpoint answers MetricStat queries, not Expression`,
    );
  }
  const statistic = statisticNamed(stat.Stat);
  if (!statistic) {
    throw new ServiceError(
      'InvalidParameterValueException',
      `Query ${query.Id}: the statistic ${stat.Stat} is not supported`,
    );
  }
  const start = roundedStart(request.StartTime, stat.Period);
  const samples = store.samples(
    {
      namespace: stat.Metric.Namespace,
      name: stat.Metric.MetricName,
      dimensions: stat.Metric.Dimensions ?? [],
    },
    new Date(start),
    request.EndTime,
    stat.Unit,
  );
  const ascending = request.ScanBy === 'TimestampAscending';
  const points = seriesOf(samples, start, stat.Period, statistic)
    .sort((a, b) => (a.timestamp.getTime() - b.timestamp.getTime()) * (ascending ? 1 : -1))
    .slice(0, request.MaxDatapoints);
  return {
    Id: query.Id,
    Label: query.Label ?? stat.Metric.MetricName,
    Timestamps: points.map((point) => point.timestamp),
    Values: points.map((point) => point.value),
    StatusCode: 'Complete',
    Messages: [],
  };
};

export const getMetricData: Action = (body, context) => {
  const request = parseRequest(requestSchema, body);
  if (request.EndTime <= request.StartTime) {
    throw new ServiceError(
      'InvalidParameterValueException',
      'The parameter StartTime must be less than the parameter EndTime.',
    );
  }
  const ids = request.MetricDataQueries.map((query) => query.Id);
  if (new Set(ids).size !== ids.length) {
    throw new ServiceError('InvalidParameterValueException', 'The values for Id must be unique.');
  }
  return {
    MetricDataResults: request.MetricDataQueries.filter((query) => query.ReturnData !== false).map(
      (query) => resultOf(query, context.store, request),
    ),
    Messages: [],
  };
};
