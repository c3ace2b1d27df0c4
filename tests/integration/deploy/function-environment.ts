import { execFile } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import JSZip from 'jszip';
import type { CloudFormationTemplate } from '../../support/packaged-template';

/**
 * Each function's cold start, with exactly the environment its packaged template gives it: the
 * bundle of its zip is loaded in a fresh Node.js process whose process.env holds only those
 * variables (and what Lambda itself sets), and records which of them the module reads. A variable
 * missing from a function's wiring fails its cold start with a ConfigurationError (config is read
 * at module scope, DESIGN.md); a variable it carries but never reads is reported as unread.
 */

/** Read by the Lambda runtime itself, not by our bundles. */
export const RUNTIME_VARIABLES = ['AWS_NODEJS_CONNECTION_REUSE_ENABLED', 'NODE_OPTIONS'];

export interface ColdStart {
  error?: { name: string; message: string };
  read: string[];
}

type TemplateFunction = CloudFormationTemplate['Resources'][string];

/**
 * A reference (Ref, GetAtt, Sub) has no value before a deploy: it stands here for a placeholder
 * that is a valid name, ARN-like string and URL (AUTH_ISSUER must be a URL).
 */
export function resolvedEnvironment(fn: TemplateFunction): Record<string, string> {
  const variables = (fn.Properties?.Environment as { Variables?: Record<string, unknown> })
    ?.Variables;
  return Object.fromEntries(
    Object.entries(variables ?? {}).map(([name, value]) => [
      name,
      typeof value === 'string' ? value : `https://unresolved.invalid/${name}`,
    ]),
  );
}

// The child: process.env becomes a proxy of exactly the given variables that notes every read.
const COLD_START = `
const [bundle, handler, json] = process.argv.slice(1);
const variables = JSON.parse(json);
const read = new Set();
process.env = new Proxy(variables, {
  get(target, name) { if (typeof name === 'string') read.add(name); return target[name]; },
  has(target, name) { if (typeof name === 'string') read.add(name); return name in target; },
});
let error;
try {
  const exported = require(bundle)[handler];
  if (typeof exported !== 'function') throw new TypeError(handler + ' is not a function');
} catch (thrown) {
  error = { name: thrown.name, message: thrown.message };
}
process.stdout.write(JSON.stringify({ error, read: [...read] }));
`;

/** Unzips the function's artifact under `workDir` and cold-starts its handler module. */
export async function coldStart(
  artifact: string,
  fn: TemplateFunction,
  workDir: string,
): Promise<ColdStart> {
  const handler = String(fn.Properties?.Handler);
  const modulePath = handler.slice(0, handler.lastIndexOf('.'));
  const exportName = handler.slice(handler.lastIndexOf('.') + 1);
  const zip = await JSZip.loadAsync(await readFile(artifact));
  const bundleEntry = zip.file(`${modulePath}.js`);
  if (!bundleEntry) throw new Error(`${artifact} has no ${modulePath}.js`);
  const bundle = join(workDir, `${modulePath}.js`);
  await mkdir(join(bundle, '..'), { recursive: true });
  await writeFile(bundle, await bundleEntry.async('nodebuffer'));

  const variables = {
    ...resolvedEnvironment(fn),
    // What Lambda sets in every function's environment.
    AWS_REGION: 'us-east-1',
    AWS_LAMBDA_FUNCTION_NAME: String(fn.Properties?.FunctionName),
  };
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['-e', COLD_START, bundle, exportName, JSON.stringify(variables)],
    { env: { PATH: process.env.PATH }, maxBuffer: 8 * 1024 * 1024 },
  );
  return JSON.parse(stdout) as ColdStart;
}
