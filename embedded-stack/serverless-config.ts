import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import * as z from 'zod';
import { LOCAL_STAGE, PROJECT_ROOT } from './settings';

/**
 * The stack is built from serverless.yml as the framework itself resolves it (`sls print`), so the
 * tables, the state machine and the functions running locally are the ones that deploy: there is
 * no second copy of any of them.
 */
const functionSchema = z.looseObject({
  handler: z.string(),
  name: z.string(),
  environment: z.record(z.string(), z.string()).optional(),
  timeout: z.number().optional(),
  events: z.array(z.record(z.string(), z.unknown())).optional(),
});

const resolvedConfigSchema = z.looseObject({
  service: z.string(),
  custom: z.looseObject({
    local: z.looseObject({ accountId: z.string().regex(/^\d{12}$/) }),
    esbuild: z.looseObject({
      minify: z.boolean().optional(),
      sourcemap: z.union([z.boolean(), z.string()]).optional(),
    }),
  }),
  provider: z.looseObject({
    region: z.string(),
    timeout: z.number().optional(),
    environment: z.record(z.string(), z.string()),
  }),
  functions: z.record(z.string(), functionSchema),
  stepFunctions: z.looseObject({
    stateMachines: z.record(
      z.string(),
      z.looseObject({ name: z.string(), definition: z.record(z.string(), z.unknown()) }),
    ),
  }),
  resources: z.looseObject({
    Resources: z.record(
      z.string(),
      z.looseObject({ Type: z.string(), Properties: z.record(z.string(), z.unknown()).optional() }),
    ),
  }),
});

export type ResolvedServerlessConfig = z.infer<typeof resolvedConfigSchema>;
export type ResolvedFunction = z.infer<typeof functionSchema>;

const SERVERLESS_BIN = resolve(PROJECT_ROOT, 'node_modules', 'serverless', 'bin', 'serverless.js');

/**
 * `sls print` boots the whole framework: 2.4 CPU s, on the start's critical path (serverless-offline
 * waits for the environment it resolves). Its answer is kept in .local/resolved-config/ under a
 * hash of all it depends on: the stage, serverless.yml and every file it takes in with
 * `${file(...)}` (functions/, resources/, statemachines/), the lock file (the plugins' versions)
 * and the value of every `${env:...}` those files name. A change to any of them is a new key.
 */
const CACHE_DIR = resolve(PROJECT_ROOT, '.local', 'resolved-config');

export async function loadServerlessConfig(
  env: NodeJS.ProcessEnv,
): Promise<ResolvedServerlessConfig> {
  const cacheFile = resolve(CACHE_DIR, `${LOCAL_STAGE}-${await resolvedConfigKey(env)}.json`);
  const cached = await readFile(cacheFile, 'utf8').catch(() => undefined);
  if (cached !== undefined) return resolvedConfigSchema.parse(JSON.parse(cached));
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [SERVERLESS_BIN, 'print', '--stage', LOCAL_STAGE, '--format', 'json'],
    { cwd: PROJECT_ROOT, env, maxBuffer: 32 * 1024 * 1024 },
  );
  const config = resolvedConfigSchema.parse(JSON.parse(stdout));
  // Written whole, then renamed: two stacks starting at once never read half a file.
  await mkdir(CACHE_DIR, { recursive: true });
  const partial = `${cacheFile}.${process.pid}.partial`;
  await writeFile(partial, stdout);
  await rename(partial, cacheFile);
  return config;
}

/** The hash of what `sls print --stage local` reads in `root` (see loadServerlessConfig). */
export async function resolvedConfigKey(
  env: NodeJS.ProcessEnv,
  root: string = PROJECT_ROOT,
): Promise<string> {
  const hash = createHash('sha256').update(LOCAL_STAGE);
  const files = ['serverless.yml'];
  const variables = new Set<string>();
  for (let next = 0; next < files.length; next++) {
    const file = files[next] ?? '';
    const text = await readFile(resolve(root, file), 'utf8').catch(
      (error: unknown) => `unreadable: ${String(error)}`,
    );
    hash.update(`\0${file}\0${text}`);
    for (const [, included] of text.matchAll(/\$\{file\(([^)]+)\)/g)) {
      const path = (included ?? '').trim();
      if (!files.includes(path)) files.push(path);
    }
    for (const [, name] of text.matchAll(/\$\{env:\s*([A-Za-z0-9_]+)/g)) variables.add(name ?? '');
  }
  hash.update(await readFile(resolve(root, 'package-lock.json')));
  for (const name of [...variables].sort()) hash.update(`\0${name}=${env[name] ?? '(unset)'}`);
  return hash.digest('hex').slice(0, 32);
}

export function serverlessCommand(): { command: string; args: string[] } {
  return { command: process.execPath, args: [SERVERLESS_BIN] };
}

/**
 * Every variable any function reads, as one environment: each function carries only its own
 * (functions/<context>/functions.yml), but the in-process saga handlers share this process, and
 * the tests read table names from it. Two functions giving one variable different values would
 * make that sharing wrong, so it fails loudly.
 */
export function allFunctionsEnvironment(config: ResolvedServerlessConfig): Record<string, string> {
  const merged: Record<string, string> = { ...config.provider.environment };
  for (const [key, fn] of Object.entries(config.functions)) {
    for (const [variable, value] of Object.entries(fn.environment ?? {})) {
      const earlier = merged[variable];
      if (earlier !== undefined && earlier !== value) {
        throw new Error(
          `Function ${key} sets ${variable}=${value}, another function or the provider ${earlier}`,
        );
      }
      merged[variable] = value;
    }
  }
  return merged;
}
