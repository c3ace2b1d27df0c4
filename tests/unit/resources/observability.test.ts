import { METRICS_SERVICE, metricCatalogue } from '../../../contracts/metrics';
import {
  allResources,
  functionsByContext,
  readResourcesFile,
  type TemplateResource,
} from '../../support/cloudformation-yaml';

// Our namespace as resources/*.yml write it (serverless resolves it to shop-<stage>).
const OUR_NAMESPACE = '${self:custom.names.prefix}';
const FUNCTION_PREFIX = '${self:custom.names.prefix}-';

interface NamedMetric {
  namespace: string;
  name: string;
  /** Dimension names, sorted. */
  dimensions: string[];
  where: string;
}

const observability = readResourcesFile('observability.yml');
const resources = allResources();

const dashboardBody = (): { widgets: { properties?: { metrics?: unknown[] } }[] } => {
  const body = observability.Resources.Dashboard?.Properties?.DashboardBody as
    { 'Fn::Sub': string } | undefined;
  if (!body) throw new Error('observability.yml has no Dashboard with a !Sub body');
  return JSON.parse(body['Fn::Sub']) as { widgets: { properties?: { metrics?: unknown[] } }[] };
};

// SEARCH('{namespace,dimension,…} MetricName="…" …', …); the namespace may be a ${…} variable.
const SEARCH = /SEARCH\('\{(.+?)\}\s([^']*)'/g;

/** The metrics a dashboard line names: a metric array, or the SEARCH expressions of a formula. */
const metricsOfLine = (line: unknown, where: string): NamedMetric[] => {
  if (!Array.isArray(line)) return [];
  const [first, second, ...rest] = line as unknown[];
  if (typeof first === 'string' && typeof second === 'string') {
    const dimensionNames = rest.filter(
      (_, index) => index % 2 === 0 && typeof rest[index] === 'string',
    );
    return [
      { namespace: first, name: second, dimensions: (dimensionNames as string[]).sort(), where },
    ];
  }
  const expression = (first as { expression?: string } | undefined)?.expression ?? '';
  return [...expression.matchAll(SEARCH)].flatMap((match) => {
    const [namespace = '', ...dimensions] = (match[1] ?? '').split(',');
    const name = /MetricName="([^"]+)"/.exec(match[2] ?? '')?.[1];
    return name === undefined ? [] : [{ namespace, name, dimensions: dimensions.sort(), where }];
  });
};

interface AlarmMetric {
  Namespace?: string;
  MetricName?: string;
  Dimensions?: { Name: string }[];
}

const metricsOfAlarm = (id: string, alarm: TemplateResource): NamedMetric[] => {
  const properties = alarm.Properties ?? {};
  const stats = ((properties.Metrics ?? []) as { MetricStat?: { Metric: AlarmMetric } }[])
    .map((query) => query.MetricStat?.Metric)
    .filter((metric): metric is AlarmMetric => metric !== undefined);
  const single = properties.MetricName === undefined ? [] : [properties as AlarmMetric];
  return [...stats, ...single].map((metric) => ({
    namespace: metric.Namespace ?? '',
    name: metric.MetricName ?? '',
    dimensions: (metric.Dimensions ?? []).map((d) => d.Name).sort(),
    where: id,
  }));
};

const alarms = Object.entries(resources).filter(([, r]) => r.Type === 'AWS::CloudWatch::Alarm');

const namedMetrics: NamedMetric[] = [
  ...dashboardBody().widgets.flatMap((widget, index) =>
    (widget.properties?.metrics ?? []).flatMap((line) => metricsOfLine(line, `widget ${index}`)),
  ),
  ...alarms.flatMap(([id, alarm]) => metricsOfAlarm(id, alarm)),
];
const ours = namedMetrics.filter((metric) => metric.namespace === OUR_NAMESPACE);

describe('resources/observability.yml against contracts/metrics.ts', () => {
  it('names only metrics of the catalogue, with the dimensions the code emits them with', () => {
    const catalogue = new Map<string, string[]>(
      Object.values(metricCatalogue).map((metric) => [
        metric.name,
        ['service', ...metric.dimensions].sort(),
      ]),
    );

    const unknown = ours.filter((metric) => {
      const dimensions = catalogue.get(metric.name);
      return dimensions === undefined || dimensions.join() !== metric.dimensions.join();
    });

    expect(ours.length).toBeGreaterThan(0);
    expect(unknown).toEqual([]);
  });

  it('shows every metric of the catalogue somewhere', () => {
    const shown = new Set(ours.map((metric) => metric.name));

    expect(Object.values(metricCatalogue).filter((metric) => !shown.has(metric.name))).toEqual([]);
  });

  it('names dimension values the way the code sets them (service=shop)', () => {
    const serviceValues = dashboardBody()
      .widgets.flatMap((widget) => widget.properties?.metrics ?? [])
      .filter((line): line is unknown[] => Array.isArray(line) && line[0] === OUR_NAMESPACE)
      .map((line) => line[line.indexOf('service') + 1]);

    expect(new Set(serviceValues)).toEqual(new Set([METRICS_SERVICE]));
  });

  it('draws each bounded context’s Lambda lines over exactly the functions it declares', () => {
    const expressions = dashboardBody()
      .widgets.flatMap((widget) => widget.properties?.metrics ?? [])
      .map((line) =>
        Array.isArray(line) ? (line[0] as { expression?: string; label?: string }) : {},
      )
      .filter((line) => line.expression?.includes('{AWS/Lambda,FunctionName}'));

    const contexts = functionsByContext();
    expect(expressions).toHaveLength(3 * contexts.size);
    for (const line of expressions) {
      const declared = contexts.get(line.label ?? '');
      const drawn = [...(line.expression ?? '').matchAll(/FunctionName="([^"]+)"/g)].map((m) =>
        (m[1] ?? '').replace(FUNCTION_PREFIX, ''),
      );
      expect({ context: line.label, functions: drawn.sort() }).toEqual({
        context: line.label,
        functions: [...(declared ?? ['<no such context>'])].sort(),
      });
    }
  });

  it('alarms on and draws every dead-letter queue and outbox failure queue', () => {
    const queues = Object.entries(resources)
      .filter(([id, r]) => r.Type === 'AWS::SQS::Queue' && /(DeadLetter|Failure)Queue$/.test(id))
      .map(([id]) => id)
      .sort();
    const alarm = JSON.stringify(observability.Resources.DeadLetterQueuesNotEmptyAlarm);
    const dashboard = JSON.stringify(dashboardBody());

    expect(queues.length).toBeGreaterThanOrEqual(7);
    expect(queues.filter((id) => !alarm.includes(`"${id}"`))).toEqual([]);
    expect(queues.filter((id) => !dashboard.includes(`\${${id}.QueueName}`))).toEqual([]);
  });

  it('sends every alarm, the saga’s included, to the alarm topic', () => {
    const silent = alarms
      .filter(
        ([, alarm]) => JSON.stringify(alarm.Properties?.AlarmActions) !== '[{"Ref":"AlarmTopic"}]',
      )
      .map(([id]) => id);

    expect(alarms.length).toBeGreaterThanOrEqual(5);
    expect(silent).toEqual([]);
  });

  it('searches every function’s log group for one order’s story', () => {
    const logGroups = (observability.Resources.OrderStoryQuery?.Properties?.LogGroupNames ??
      []) as string[];
    const functions = [...functionsByContext().values()].flat();

    expect(
      functions.filter((name) => !logGroups.includes(`/aws/lambda/${FUNCTION_PREFIX}${name}`)),
    ).toEqual([]);
  });
});
