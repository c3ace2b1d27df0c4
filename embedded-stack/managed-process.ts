import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';

/** A child process the stack started and must stop: nothing it starts may outlive it. */
export interface ManagedProcess {
  readonly name: string;
  readonly pid: number;
  /** Settles with the exit code (null when killed by a signal) once the process is gone. */
  readonly exited: Promise<number | null>;
  stop(): Promise<void>;
}

const STOP_GRACE_MS = 5000;

/**
 * Every managed process still running, from the moment it is spawned: a stack stopped while a
 * child is still starting (DynamoDB Local's JVM can take many seconds on a busy machine) must
 * stop that child too, before anyone holds it.
 */
const running = new Set<ManagedProcess>();

/** Stops every managed process still running, in reverse order of start. */
export async function stopAllProcesses(): Promise<void> {
  for (const child of [...running].reverse()) await child.stop();
}

export function startProcess(
  name: string,
  command: string,
  args: string[],
  options: SpawnOptions,
): ManagedProcess {
  const child = spawn(command, args, { ...options, detached: false });
  return manage(name, child);
}

export function manage(name: string, child: ChildProcess): ManagedProcess {
  if (child.pid === undefined) throw new Error(`${name} did not start`);
  const pid = child.pid;
  let alive = true;
  const exited = new Promise<number | null>((resolveExit) => {
    child.once('exit', (code) => {
      alive = false;
      running.delete(managed);
      resolveExit(code);
    });
  });
  const managed: ManagedProcess = {
    name,
    pid,
    exited,
    async stop() {
      if (!alive) return;
      child.kill('SIGTERM');
      const forced = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
      await exited;
      clearTimeout(forced);
    },
  };
  running.add(managed);
  return managed;
}
