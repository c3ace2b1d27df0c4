import { closeSync, existsSync, openSync } from 'node:fs';
import { createRequire } from 'node:module';
import { mkdir, readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { cognitoLocalSeed, writeSeedFiles, type CognitoLocalIdentity } from './cognito-local-seed';
import { startProcess, type ManagedProcess } from './managed-process';
import type { ResolvedServerlessConfig } from './serverless-config';
import { url } from './settings';
import { waitUntil } from './wait-until';

const load = createRequire(__filename);
const PACKAGE_FILE = load.resolve('cognito-local/package.json');
const COGNITO_LOCAL_BIN = resolve(
  dirname(PACKAGE_FILE),
  (load(PACKAGE_FILE) as { bin: string }).bin,
);

export interface CognitoLocal extends ManagedProcess, CognitoLocalIdentity {
  url: string;
}

/**
 * cognito-local, holding the user pool of resources/identity.yml. Like DynamoDB Local it keeps its
 * data (the pool and its users) in `directory`, in the stack's data directory, between runs; a new
 * directory is seeded with the pool, its app client and groups (`--fresh` removes it first).
 */
export async function startCognitoLocal(
  port: number,
  config: ResolvedServerlessConfig,
  directory: string,
): Promise<CognitoLocal> {
  const { identity, files } = cognitoLocalSeed(config, port);
  // The server's settings follow this run's port; the pool, its client and users are kept.
  await mkdir(directory, { recursive: true });
  await writeSeedFiles(
    directory,
    Object.fromEntries(
      Object.entries(files).filter(
        ([path]) => path.endsWith('/config.json') || !existsSync(join(directory, path)),
      ),
    ),
  );

  // Its log (every request, at info level) would drown the HTTP API's: it goes to a file.
  const logFile = join(directory, 'cognito-local.log');
  const log = openSync(logFile, 'a');
  let node: ManagedProcess;
  try {
    node = startProcess('cognito-local', process.execPath, [COGNITO_LOCAL_BIN], {
      cwd: directory,
      env: process.env,
      stdio: ['ignore', log, log],
    });
  } finally {
    closeSync(log);
  }

  const early = node.exited.then(async (code) => {
    const output = await readFile(logFile, 'utf8').catch(() => '');
    throw new Error(
      `cognito-local exited (code ${code}) before answering on port ${port}:\n${output.slice(-2000)}`,
    );
  });
  const cognitoUrl = url(port);
  try {
    await Promise.race([
      waitUntil(
        `cognito-local on port ${port}`,
        async () => (await fetch(`${cognitoUrl}/health`)).ok,
        { timeoutMs: 20_000, intervalMs: 50 },
      ),
      early,
    ]);
  } catch (error) {
    await node.stop();
    throw error;
  } finally {
    early.catch(() => undefined);
  }

  return {
    ...identity,
    url: cognitoUrl,
    name: node.name,
    pid: node.pid,
    exited: node.exited,
    stop: () => node.stop(),
  };
}
