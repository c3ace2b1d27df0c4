/**
 * `npm run observability`: writes resources/observability.yml (dashboard, alarms, saved queries)
 * from functions/<context>/functions.yml. Run it after adding or removing a function;
 * tests/unit/scripts/observability.test.ts fails while the file is out of date.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { observabilityYaml } from './observability/template';

const ROOT = resolve(__dirname, '..');
export const OBSERVABILITY_FILE = resolve(ROOT, 'resources', 'observability.yml');

/** The handler names each functions/<context>/functions.yml declares, by context. */
export const functionsByContext = (): Map<string, string[]> => {
  const functionsDir = resolve(ROOT, 'functions');
  const contexts = new Map<string, string[]>();
  for (const context of readdirSync(functionsDir).sort()) {
    let text: string;
    try {
      text = readFileSync(resolve(functionsDir, context, 'functions.yml'), 'utf8');
    } catch {
      continue; // a folder without handlers of its own
    }
    // Only the top-level keys matter: CloudFormation's tags (!Ref, …) inside may stay unresolved.
    contexts.set(
      context,
      Object.keys(parse(text, { logLevel: 'error' }) as Record<string, unknown>),
    );
  }
  return contexts;
};

/** The file as `npm run observability` writes it (already as Prettier would format it). */
export const generatedObservabilityYaml = (): string => observabilityYaml(functionsByContext());

if (require.main === module) {
  writeFileSync(OBSERVABILITY_FILE, generatedObservabilityYaml());
  console.log(`wrote ${OBSERVABILITY_FILE}`);
}
