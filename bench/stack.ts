import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import * as z from 'zod';

export const ROOT = resolve(__dirname, '..');

/** What the bench reads of a stack file (embedded-stack/start.ts writes it). */
const stackFileSchema = z.looseObject({
  httpApiUrl: z.string(),
  stepFunctionsUrl: z.string(),
  dynamodbUrl: z.string(),
  region: z.string(),
  admin: z.object({ email: z.string(), password: z.string() }),
  tables: z.array(z.string()),
  stateMachineArns: z.array(z.string()),
  environment: z.record(z.string(), z.string()),
  /** The stack's own process and the ones it started. */
  pids: z.array(z.number()).optional(),
});

export type StackDetails = z.infer<typeof stackFileSchema>;

export interface BenchStack {
  details: StackDetails;
  /** 'started': this run started it (and stops it); 'external': it was running already. */
  mode: 'started' | 'external';
  stackFile: string;
  logFile?: string;
  /** The order saga's ARN on this stack. */
  orderSagaArn: string;
  /** What the stack printed as its start-up time ("Shop ready in 8.2s"), when this run started it. */
  readySeconds?: number;
  stop(): Promise<void>;
}

export async function readStackFile(file: string): Promise<StackDetails> {
  const text = await readFile(resolve(ROOT, file), 'utf8').catch((error: unknown) => {
    throw new Error(
      `Cannot read the stack file ${file} (is the stack running? npm start writes .local/stack.json): ${String(error)}`,
    );
  });
  return stackFileSchema.parse(JSON.parse(text));
}

const orderSagaArnOf = (details: StackDetails): string => {
  const arn =
    details.environment.ORDER_SAGA_STATE_MACHINE_ARN ??
    details.stateMachineArns.find((candidate) => candidate.endsWith('-order-saga'));
  if (!arn) throw new Error('The stack file names no order saga state machine');
  return arn;
};

/** A running stack: its stack file, with --url taking the place of its HTTP API URL. */
export async function useRunningStack(stackFile: string, url?: string): Promise<BenchStack> {
  const details = await readStackFile(stackFile);
  if (url) details.httpApiUrl = url;
  return {
    details,
    mode: 'external',
    stackFile: resolve(ROOT, stackFile),
    orderSagaArn: orderSagaArnOf(details),
    stop: () => Promise.resolve(),
  };
}

/** npm start's default ports moved by `base` (500: 3500, 3502, 4502, 8500, 8583, 9729). */
export const portsAt = (base: number): Record<string, string> => ({
  SHOP_HTTP_PORT: String(3000 + base),
  SHOP_LAMBDA_PORT: String(3002 + base),
  SHOP_SNS_PORT: String(4002 + base),
  SHOP_DYNAMODB_PORT: String(8000 + base),
  SHOP_SFN_PORT: String(8083 + base),
  SHOP_COGNITO_PORT: String(9229 + base),
  SHOP_CLOUDWATCH_PORT: String(8084 + base),
  SHOP_DOCS_PORT: String(3007 + base),
});

const READY = 'Shop ready in';
const START_TIMEOUT_MS = 180_000;
const STOP_GRACE_MS = 20_000;

/**
 * Starts the embedded stack (what `npm start` runs) on ports of its own, so it never meets
 * `npm start` or the tests' stack, and resolves once it prints that it is ready. Its output goes
 * to a log file; stop() ends it (start.ts stops everything it started).
 */
export async function startOwnStack(portBase: number, logLevel?: string): Promise<BenchStack> {
  const ports = portsAt(portBase);
  const stackFile = resolve(ROOT, '.local', `bench-stack-${ports.SHOP_HTTP_PORT}.json`);
  const logFile = resolve(ROOT, '.local', `bench-stack-${ports.SHOP_HTTP_PORT}.log`);
  await mkdir(dirname(logFile), { recursive: true });
  const log = createWriteStream(logFile);
  const child = spawn(process.execPath, ['--import', 'tsx', 'embedded-stack/start.ts', '--fresh'], {
    cwd: ROOT,
    env: {
      ...process.env,
      ...ports,
      SHOP_STACK_FILE: stackFile,
      ...(logLevel !== undefined ? { POWERTOOLS_LOG_LEVEL: logLevel } : {}),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolveExit) => child.once('exit', resolveExit));

  let output = '';
  await new Promise<void>((resolveReady, rejectReady) => {
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
      rejectReady(
        new Error(`The stack was not ready within ${START_TIMEOUT_MS} ms; see ${logFile}`),
      );
    }, START_TIMEOUT_MS);
    const onData = (chunk: Buffer): void => {
      log.write(chunk);
      // Only the start matters for readiness; the log file keeps everything.
      if (output.length < 100_000) output += chunk.toString();
      if (output.includes(READY)) {
        clearTimeout(timer);
        resolveReady();
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      rejectReady(
        new Error(`The stack exited (code ${code}) before it was ready:\n${output.slice(-3000)}`),
      );
    });
  });

  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const forced = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
      await exited;
      clearTimeout(forced);
    }
    log.end();
  };
  try {
    const details = await readStackFile(stackFile);
    const ready = /Shop ready in ([\d.]+)s/.exec(output)?.[1];
    return {
      details,
      ...(ready !== undefined ? { readySeconds: Number(ready) } : {}),
      mode: 'started',
      stackFile,
      logFile,
      orderSagaArn: orderSagaArnOf(details),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
