import * as z from 'zod';
import type { MetricSample } from '../types';
import type { Action } from './context';
import { dimensionSchema, parseRequest, timestampSchema } from './request';

// Values and Counts, or one Value; StatisticValues (pre-aggregated sets) are
// not accepted, since percentiles could not be answered for them.
const datumSchema = z.object({
  MetricName: z.string().min(1).max(255),
  Dimensions: z.array(dimensionSchema).max(30).optional(),
  Timestamp: timestampSchema.optional(),
  Value: z.number().optional(),
  Values: z.array(z.number()).optional(),
  Counts: z.array(z.number().positive()).optional(),
  Unit: z.string().optional(),
});

const requestSchema = z.object({
  Namespace: z.string().min(1).max(255),
  MetricData: z.array(datumSchema).min(1).max(1000),
});

export const putMetricData: Action = (body, context) => {
  const request = parseRequest(requestSchema, body);
  const samples: MetricSample[] = request.MetricData.flatMap((datum) => {
    const metric = {
      namespace: request.Namespace,
      name: datum.MetricName,
      dimensions: datum.Dimensions ?? [],
    };
    const timestamp = datum.Timestamp ?? context.now();
    const unit = datum.Unit ?? 'None';
    const values = datum.Values ?? (datum.Value === undefined ? [] : [datum.Value]);
    return values.map((value, index) => ({
      metric,
      timestamp,
      value,
      count: datum.Counts?.[index] ?? 1,
      unit,
    }));
  });
  context.store.add(samples);
  return {};
};
