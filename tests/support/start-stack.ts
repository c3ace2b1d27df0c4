import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { ROOT } from './test-stack';

export interface RunningStack {
  child: ChildProcess;
  output: () => string;
  /**
   * Sends `signal` (to the whole process group when the stack was started `detached`, as a
   * terminal's Ctrl-C does) and resolves with the exit code once the process is gone.
   */
  stop: (signal?: NodeJS.Signals) => Promise<number | null>;
}

/**
 * DynamoDB Local's JVM options for a stack that lives seconds to a minute or two (the default for
 * a test's stack): C1 only and the serial collector. Measured here, 600 requests after the start
 * cost 3.3 CPU s instead of 7.8 (C2's compiles and G1's threads are most of a short life's work,
 * on 2 cores where the suite is bound by CPU); past ~40,000 requests the default tiers win
 * (48 CPU s against C1's 56), so the suite's shared stack keeps them (global-setup.ts).
 */
export const SHORT_LIVED_JVM = '-XX:TieredStopAtLevel=1 -XX:+UseSerialGC';

/**
 * Starts a command that brings the embedded stack up and resolves once it prints "Shop ready";
 * rejects with its output if it exits or takes longer than `timeoutMs`.
 */
export async function startStack(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  {
    timeoutMs,
    logFile,
    detached = false,
  }: { timeoutMs: number; logFile?: string; detached?: boolean },
): Promise<RunningStack> {
  const child = spawn(command, args, {
    cwd: ROOT,
    env: { JAVA_TOOL_OPTIONS: SHORT_LIVED_JVM, ...env },
    detached,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  if (logFile) await mkdir(dirname(logFile), { recursive: true });
  const log = logFile ? createWriteStream(logFile) : undefined;
  const exited = new Promise<number | null>((resolveExit) => child.once('exit', resolveExit));

  let timedOut = false;
  await new Promise<void>((resolveReady, rejectReady) => {
    const timer = setTimeout(() => {
      // Not ready in time: stop it, and wait until it has stopped its children, so none of them
      // holds the ports of the next attempt.
      const signal = (name: NodeJS.Signals): void => {
        if (detached && child.pid !== undefined) process.kill(-child.pid, name);
        else child.kill(name);
      };
      timedOut = true;
      signal('SIGTERM');
      const forced = setTimeout(() => signal('SIGKILL'), 20_000);
      void exited.then(() => clearTimeout(forced));
    }, timeoutMs);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      log?.write(chunk);
      if (output.includes('Shop ready in')) {
        clearTimeout(timer);
        resolveReady();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    // Rejects once the process is gone, also when it was stopped for being too slow.
    void exited.then((code) => {
      clearTimeout(timer);
      rejectReady(
        new Error(
          timedOut
            ? `The stack was not ready within ${timeoutMs} ms:\n${output.slice(-4000)}`
            : `The stack exited (code ${code}) before it was ready:\n${output.slice(-4000)}`,
        ),
      );
    });
  });

  return {
    child,
    output: () => output,
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) {
        if (detached && child.pid !== undefined) process.kill(-child.pid, signal);
        else child.kill(signal);
      }
      const code = await exited;
      log?.end();
      return code;
    },
  };
}

export async function readStackFile<T>(file: string): Promise<T> {
  return JSON.parse(await readFile(file, 'utf8')) as T;
}
