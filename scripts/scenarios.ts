/**
 * `npm run scenarios`: the scenarios collection (scripts/scenarios/collection.ts) run by newman,
 * printing newman's report; exits 1 when an assertion failed.
 *   npm run scenarios                                   the stack `npm start` runs (its stack file),
 *                                                       or one started for the run and stopped after
 *   npm run scenarios -- --url <api> --email <admin e-mail> --password <admin password>
 *                                                       any deployed stage, as its admin
 */
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { runScenarios, type ScenarioTarget } from './scenarios/run-scenarios';

const ROOT = resolve(__dirname, '..');

interface StackFile {
  httpApiUrl: string;
  admin: { email: string; password: string };
}

async function runningLocalStack(stackFile: string): Promise<ScenarioTarget | undefined> {
  const stack = await readFile(stackFile, 'utf8')
    .then((text) => JSON.parse(text) as StackFile)
    .catch(() => undefined);
  if (!stack) return undefined;
  const up = await fetch(`${stack.httpApiUrl}/health`).then(
    (response) => response.ok,
    () => false,
  );
  return up
    ? {
        baseUrl: stack.httpApiUrl,
        adminEmail: stack.admin.email,
        adminPassword: stack.admin.password,
      }
    : undefined;
}

/** `npm start` in a child process, until it prints that it is ready. */
async function startLocalStack(
  stackFile: string,
): Promise<{ target: ScenarioTarget; stop: () => void }> {
  // Its output stays out of newman's report; it is shown only if the stack fails to start.
  const child = spawn(process.execPath, ['--import', 'tsx', 'embedded-stack/start.ts', '--fresh'], {
    cwd: ROOT,
    env: process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  await new Promise<void>((ready, failed) => {
    let output = '';
    const collect = (chunk: Buffer): void => {
      output = (output + chunk.toString()).slice(-20_000);
      if (output.includes('Shop ready in')) ready();
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.once('exit', (code) =>
      failed(new Error(`npm start exited (code ${code}):\n${output.slice(-4000)}`)),
    );
  });
  const target = await runningLocalStack(stackFile);
  if (!target) throw new Error(`The local stack is up but ${stackFile} does not answer`);
  return { target, stop: () => child.kill('SIGTERM') };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { url: { type: 'string' }, email: { type: 'string' }, password: { type: 'string' } },
  });
  const stackFile = resolve(ROOT, process.env.SHOP_STACK_FILE ?? '.local/stack.json');
  let stop = (): void => undefined;
  let target: ScenarioTarget | undefined;
  if (values.url !== undefined) {
    if (values.email === undefined || values.password === undefined) {
      throw new Error('--url needs the admin account: --email <e-mail> --password <password>');
    }
    target = {
      baseUrl: values.url.replace(/\/$/, ''),
      adminEmail: values.email,
      adminPassword: values.password,
    };
  } else {
    target = await runningLocalStack(stackFile);
    if (!target) {
      console.log('No local stack answers: starting one for this run…');
      const started = await startLocalStack(stackFile);
      ({ target, stop } = started);
    }
  }
  try {
    console.log(`Scenarios against ${target.baseUrl}`);
    const summary = await runScenarios(target);
    if (summary.run.failures.length > 0 || summary.error) process.exitCode = 1;
  } finally {
    stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
