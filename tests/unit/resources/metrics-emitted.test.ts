import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import ts from 'typescript';
import { metricCatalogue, type MetricKey } from '../../../contracts/metrics';

// The other half of issue 14's cross-check (observability.test.ts holds the dashboard and the
// alarms to the catalogue): every metric of the catalogue is one the code emits, and the code
// emits no other. Read from the source, each call of functions/lib/metrics.ts's recorders:
// recordMetric('<key>', …), recordMetricsTogether({ <key>: … }, …), and coldStartMetric()
// (Powertools' ColdStart).

const FUNCTIONS = resolve(__dirname, '..', '..', '..', 'functions');

const sourceFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sourceFiles(join(dir, entry.name))
      : entry.name.endsWith('.ts')
        ? [join(dir, entry.name)]
        : [],
  );

/** The catalogue keys the calls in this file record. */
const emittedIn = (file: string): string[] => {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest);
  const keys: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression)) {
      const [first] = node.arguments;
      const callee = node.expression.text;
      if (callee === 'recordMetric' && first && ts.isStringLiteral(first)) keys.push(first.text);
      if (callee === 'recordMetricsTogether' && first && ts.isObjectLiteralExpression(first)) {
        for (const property of first.properties) {
          if (property.name && ts.isIdentifier(property.name)) keys.push(property.name.text);
        }
      }
      if (callee === 'coldStartMetric') keys.push('coldStart');
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return keys;
};

const emitted = new Set(
  sourceFiles(FUNCTIONS)
    .filter((file) => !file.endsWith(join('lib', 'metrics.ts')))
    .flatMap(emittedIn),
);

describe('the metric catalogue against the code', () => {
  it('is emitted by the code, every metric of it', () => {
    const catalogue = Object.keys(metricCatalogue) as MetricKey[];

    expect(catalogue.filter((key) => !emitted.has(key))).toEqual([]);
  });

  it('holds every metric the code emits', () => {
    expect([...emitted].filter((key) => !(key in metricCatalogue))).toEqual([]);
  });
});
