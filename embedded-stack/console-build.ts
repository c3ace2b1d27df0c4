import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { promisify } from 'node:util';
import { PROJECT_ROOT } from './settings';

/**
 * The console's static files (web/dist), built by Vite only when its sources changed since the
 * last build: a stamp of their content hash sits beside the build, so `npm start` stays fast.
 */
export const CONSOLE_DIR = resolve(PROJECT_ROOT, 'web');
export const CONSOLE_DIST = resolve(CONSOLE_DIR, 'dist');
const STAMP = resolve(CONSOLE_DIST, '.sources-hash');
const SOURCES = ['src', 'public', 'index.html', 'vite.config.ts', 'tsconfig.json'];

async function filesUnder(path: string): Promise<string[]> {
  const entries = await readdir(path, { withFileTypes: true }).catch(() => undefined);
  if (!entries) return [path];
  const nested = await Promise.all(entries.map((entry) => filesUnder(join(path, entry.name))));
  return nested.flat();
}

async function sourcesHash(): Promise<string> {
  const hash = createHash('sha256');
  const files = (
    await Promise.all(SOURCES.map((source) => filesUnder(resolve(CONSOLE_DIR, source))))
  )
    .flat()
    .sort();
  // The lock file too: a new React or ELK version is a new build.
  for (const file of [...files, resolve(PROJECT_ROOT, 'package-lock.json')]) {
    hash.update(relative(PROJECT_ROOT, file));
    hash.update(await readFile(file));
  }
  return hash.digest('hex');
}

/** Builds the console unless web/dist already holds the build of these sources. */
export async function ensureConsoleBuilt(): Promise<'built' | 'reused'> {
  const wanted = await sourcesHash();
  const current = await readFile(STAMP, 'utf8').catch(() => '');
  if (current === wanted) return 'reused';
  await promisify(execFile)(
    process.execPath,
    [
      join(dirname(require.resolve('vite/package.json')), 'bin', 'vite.js'),
      'build',
      CONSOLE_DIR,
      '--logLevel',
      'error',
    ],
    // Jest (whose globalSetup starts a stack) sets NODE_ENV=test, which would build React's
    // development bundle: the console is always built for production.
    { cwd: PROJECT_ROOT, env: { ...process.env, NODE_ENV: 'production' } },
  );
  await writeFile(STAMP, wanted);
  return 'built';
}
