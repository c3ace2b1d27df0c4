import { closeSync, openSync } from 'node:fs';
import { createRequire } from 'node:module';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { cognitoLocalSeed, writeSeedFiles, type CognitoLocalIdentity } from './cognito-local-seed';
import { startProcess, type ManagedProcess } from './managed-process';
import type { ResolvedServerlessConfig } from './serverless-config';
import { PROJECT_ROOT, url } from './settings';
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
 * cognito-local, holding the user pool of resources/identity.yml. Like DynamoDB Local it starts
 * empty every time: its data directory (one per port, so a test stack runs beside `npm start`)
 * is wiped and seeded before it starts, and removed when it stops.
 */
export async function startCognitoLocal(
  port: number,
  config: ResolvedServerlessConfig,
): Promise<CognitoLocal> {
  const directory = resolve(PROJECT_ROOT, '.local', `cognito-${port}`);
  const { identity, files } = cognitoLocalSeed(config, port);
  await rm(directory, { recursive: true, force: true });
  await mkdir(directory, { recursive: true });
  await writeSeedFiles(directory, files);

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
    async stop() {
      await node.stop();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
