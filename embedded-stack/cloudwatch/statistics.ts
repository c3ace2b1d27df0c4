import type { MetricSample } from './types';

// CloudWatch's statistics over the samples of one period. Percentiles use the
// nearest-rank method on the raw values: CloudWatch approximates them from
// the same values, so small sets can differ in the last rank, never in kind.

export type Statistic = (samples: readonly MetricSample[]) => number;

const sum: Statistic = (samples) => samples.reduce((total, s) => total + s.value * s.count, 0);
const sampleCount: Statistic = (samples) => samples.reduce((total, s) => total + s.count, 0);

const percentile =
  (rank: number): Statistic =>
  (samples) => {
    const sorted = [...samples].sort((a, b) => a.value - b.value);
    const wanted = Math.max(1, Math.ceil((rank / 100) * sampleCount(sorted)));
    let seen = 0;
    for (const sample of sorted) {
      seen += sample.count;
      if (seen >= wanted) return sample.value;
    }
    return Number.NaN;
  };

const named: ReadonlyMap<string, Statistic> = new Map<string, Statistic>([
  ['Sum', sum],
  ['SampleCount', sampleCount],
  ['Average', (samples) => sum(samples) / sampleCount(samples)],
  ['Minimum', (samples) => Math.min(...samples.map((s) => s.value))],
  ['Maximum', (samples) => Math.max(...samples.map((s) => s.value))],
]);

const PERCENTILE = /^p(\d{1,2}(?:\.\d{1,2})?|100)$/;

/** The statistic a name such as `Sum` or `p99.9` stands for; undefined when not supported. */
export const statisticNamed = (name: string): Statistic | undefined => {
  const known = named.get(name);
  if (known) return known;
  const match = PERCENTILE.exec(name);
  return match?.[1] === undefined ? undefined : percentile(Number(match[1]));
};
