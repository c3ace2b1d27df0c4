import { statisticNamed } from '../../../../embedded-stack/cloudwatch/statistics';
import type { MetricSample } from '../../../../embedded-stack/cloudwatch/types';

const metric = { namespace: 'shop-test', name: 'Latency', dimensions: [] };
const samples = (...pairs: [value: number, count: number][]): MetricSample[] =>
  pairs.map(([value, count]) => ({ metric, timestamp: new Date(0), value, count, unit: 'None' }));

const compute = (name: string, of: MetricSample[]): number => {
  const statistic = statisticNamed(name);
  if (!statistic) throw new Error(`no statistic ${name}`);
  return statistic(of);
};

describe('embedded CloudWatch: statistics', () => {
  const oneToHundred = samples(
    ...Array.from({ length: 100 }, (_, i): [number, number] => [i + 1, 1]),
  );

  it.each([
    ['Sum', 5050],
    ['SampleCount', 100],
    ['Average', 50.5],
    ['Minimum', 1],
    ['Maximum', 100],
    ['p50', 50],
    ['p90', 90],
    ['p99', 99],
    ['p99.5', 100],
    ['p100', 100],
  ])('%s of 1..100 is %d', (name, expected) => {
    expect(compute(name, oneToHundred)).toBe(expected);
  });

  it('weighs values by their counts', () => {
    const weighted = samples([10, 9], [1000, 1]);

    expect(compute('SampleCount', weighted)).toBe(10);
    expect(compute('Sum', weighted)).toBe(1090);
    expect(compute('p90', weighted)).toBe(10);
    expect(compute('p95', weighted)).toBe(1000);
  });

  it.each(['TM99', 'p', 'p101', 'sum', 'IQM'])('does not claim to know %s', (name) => {
    expect(statisticNamed(name)).toBeUndefined();
  });
});
