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
  let running = true;
  const exited = new Promise<number | null>((resolveExit) => {
    child.once('exit', (code) => {
      running = false;
      resolveExit(code);
    });
  });
  return {
    name,
    pid,
    exited,
    async stop() {
      if (!running) return;
      child.kill('SIGTERM');
      const forced = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
      await exited;
      clearTimeout(forced);
    },
  };
}
