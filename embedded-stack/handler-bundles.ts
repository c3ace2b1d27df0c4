import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { build } from 'esbuild';
import type { ResolvedFunction, ResolvedServerlessConfig } from './serverless-config';
import { PROJECT_ROOT } from './settings';

const load = createRequire(__filename);

/**
 * Bundles functions with the esbuild options of serverless.yml (custom.esbuild), as
 * serverless-esbuild does for Lambda, and loads them into this process: what runs in-process is
 * the code that deploys.
 */
export async function loadBundledHandlers(
  config: ResolvedServerlessConfig,
  buildDir: string,
  functionKeys: string[],
): Promise<Record<string, unknown>> {
  const outDir = resolve(buildDir, 'in-process');
  const options = config.custom.esbuild;
  const entryPoints = Object.fromEntries(
    functionKeys.map((key) => [
      key,
      resolve(PROJECT_ROOT, `${modulePathOf(functionOf(config, key))}.ts`),
    ]),
  );
  await build({
    entryPoints,
    outdir: outDir,
    outExtension: { '.js': '.cjs' },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    // This process runs on the local Node.js, whatever the Lambda runtime's target is.
    target: `node${process.versions.node}`,
    minify: options.minify,
    // Shared by every handler of this process (one copy loads faster than ten); Lambda's bundles
    // carry their own.
    external: ['@aws-sdk/*', '@smithy/*', '@aws-lambda-powertools/*', 'zod'],
    sourcemap: options.sourcemap === false ? false : 'inline',
    logLevel: 'error',
  });
  return Object.fromEntries(
    functionKeys.map((key) => {
      const exports = load(resolve(outDir, `${key}.cjs`)) as Record<string, unknown>;
      return [key, exports[exportNameOf(functionOf(config, key))]];
    }),
  );
}

function functionOf(config: ResolvedServerlessConfig, key: string): ResolvedFunction {
  const fn = config.functions[key];
  if (!fn) throw new Error(`serverless.yml has no function "${key}"`);
  return fn;
}

const modulePathOf = (fn: ResolvedFunction): string =>
  fn.handler.slice(0, fn.handler.lastIndexOf('.'));
const exportNameOf = (fn: ResolvedFunction): string =>
  fn.handler.slice(fn.handler.lastIndexOf('.') + 1);
