import * as z from 'zod';
import type { MetricSample } from './types';

// The CloudWatch embedded metric format (EMF): a JSON log line whose `_aws`
// member names the metrics and dimension sets and whose root members hold the
// values. This is what Powertools Metrics prints; CloudWatch Logs turns such
// lines into metrics on AWS, and the local endpoint does the same here.

const metricDirectiveSchema = z.object({
  Namespace: z.string().min(1),
  Dimensions: z.array(z.array(z.string())),
  Metrics: z.array(z.object({ Name: z.string().min(1), Unit: z.string().optional() })),
});

const emfSchema = z.object({
  _aws: z.object({
    Timestamp: z.number(),
    CloudWatchMetrics: z.array(metricDirectiveSchema),
  }),
});

type Root = Record<string, unknown>;

const valuesOf = (value: unknown): number[] => {
  const values = Array.isArray(value) ? (value as unknown[]) : [value];
  return values.filter((item): item is number => typeof item === 'number' && Number.isFinite(item));
};

const dimensionsOf = (
  root: Root,
  names: readonly string[],
): { Name: string; Value: string }[] | undefined => {
  const dimensions: { Name: string; Value: string }[] = [];
  for (const name of names) {
    const value = root[name];
    // CloudWatch drops a dimension set whose value is missing or not a string.
    if (typeof value !== 'string' || value === '') return undefined;
    dimensions.push({ Name: name, Value: value });
  }
  return dimensions;
};

/** The JSON object of a log line, wherever it starts (a runner may prefix lines). */
const jsonOf = (line: string): unknown => {
  if (!line.includes('"_aws"')) return undefined;
  const start = line.indexOf('{');
  const end = line.lastIndexOf('}');
  if (start < 0 || end < start) return undefined;
  try {
    return JSON.parse(line.slice(start, end + 1));
  } catch {
    return undefined;
  }
};

/** The metric samples of one EMF log line; none for any other line. */
export const samplesOfEmfLine = (line: string): MetricSample[] => {
  const json = jsonOf(line);
  const parsed = emfSchema.safeParse(json);
  if (!parsed.success) return [];
  const root = json as Root;
  const timestamp = new Date(parsed.data._aws.Timestamp);
  const samples: MetricSample[] = [];
  for (const directive of parsed.data._aws.CloudWatchMetrics) {
    const dimensionSets = directive.Dimensions.length === 0 ? [[]] : directive.Dimensions;
    for (const names of dimensionSets) {
      const dimensions = dimensionsOf(root, names);
      if (!dimensions) continue;
      for (const metric of directive.Metrics) {
        for (const value of valuesOf(root[metric.Name])) {
          samples.push({
            metric: { namespace: directive.Namespace, name: metric.Name, dimensions },
            timestamp,
            value,
            count: 1,
            unit: metric.Unit ?? 'None',
          });
        }
      }
    }
  }
  return samples;
};
