import { readdirSync, readFileSync } from 'node:fs';
import { round } from './stats';

/**
 * Where the machine's CPU went during a phase: the CPU time of each of the stack's processes
 * (and their children) and of the bench itself, from /proc (Linux), before and after. On two
 * cores everything shares, this says which part of the local stack is the bottleneck.
 */

export interface ProcessCpu {
  name: string;
  cpuSeconds: number;
  /** Of all the machine's cores over the phase: 1 = every core busy the whole time. */
  shareOfMachine: number;
}

export type CpuSnapshot = Map<string, number>;

const MACHINE = 'machine (all processes)';
const OTHERS = 'other work on this machine (not the bench, not its stack)';
const IDLE = 'idle';

// USER_HZ: /proc reports CPU time in these ticks; 100 on every Linux build in use.
const TICKS_PER_SECOND = 100;

const LABELS: [RegExp, string][] = [
  [/DynamoDBLocal\.jar/, 'DynamoDB Local (Java)'],
  [/serverless\.js offline/, 'serverless-offline (HTTP API, Lambda workers, SNS)'],
  [/cognito/i, 'cognito-local'],
  [/embedded\/start\.ts/, 'stack main (Step Functions endpoint, saga handlers)'],
];

const stat = (pid: number): string[] | undefined => {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may hold spaces and parentheses: the fields after its last ')' are fixed.
    return text.slice(text.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
};

const commandOf = (pid: number): string => {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
  } catch {
    return '';
  }
};

/** CPU seconds so far of each named part of the stack rooted at `roots`, and of this process. */
export function cpuSnapshot(roots: readonly number[]): CpuSnapshot {
  const snapshot: CpuSnapshot = new Map();
  const own = process.cpuUsage();
  snapshot.set('bench (this process: load client, probe, floor)', (own.user + own.system) / 1e6);
  let entries: string[];
  try {
    // Busy time of all CPUs (user nice system idle iowait irq softirq steal…); steal is time
    // the hypervisor gave elsewhere, not work on this machine.
    const [, ...ticks] = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '')
      .trim()
      .split(/\s+/);
    const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0] = ticks.map(Number);
    snapshot.set(MACHINE, (user + nice + system + irq + softirq) / TICKS_PER_SECOND);
    entries = readdirSync('/proc');
  } catch {
    return snapshot;
  }
  const children = new Map<number, number[]>();
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    const parent = Number(stat(Number(entry))?.[1]);
    if (!Number.isFinite(parent)) continue;
    const siblings = children.get(parent) ?? [];
    siblings.push(Number(entry));
    children.set(parent, siblings);
  }
  // The stack file lists the stack's process and its children: each is counted once.
  const seen = new Set<number>([process.pid]);
  const visit = (pid: number, inherited: string): void => {
    if (seen.has(pid)) return;
    seen.add(pid);
    const command = commandOf(pid);
    const label = LABELS.find(([pattern]) => pattern.test(command))?.[1] ?? inherited;
    const fields = stat(pid);
    if (fields) {
      const seconds = (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
      snapshot.set(label, (snapshot.get(label) ?? 0) + seconds);
    }
    for (const child of children.get(pid) ?? []) visit(child, label);
  };
  for (const root of roots) visit(root, 'stack (other)');
  return snapshot;
}

export function cpuBetween(
  before: CpuSnapshot,
  after: CpuSnapshot,
  wallSeconds: number,
  cores: number,
): ProcessCpu[] {
  const capacity = wallSeconds * cores;
  const entry = (name: string, used: number): ProcessCpu => ({
    name,
    cpuSeconds: round(used, 2),
    shareOfMachine: round(used / capacity, 3),
  });
  const ours = [...after]
    .filter(([name]) => name !== MACHINE)
    .map(([name, seconds]) => entry(name, Math.max(0, seconds - (before.get(name) ?? 0))))
    .sort((a, b) => b.cpuSeconds - a.cpuSeconds);
  const machine = (after.get(MACHINE) ?? 0) - (before.get(MACHINE) ?? 0);
  if (machine <= 0) return ours;
  const oursTotal = ours.reduce((sum, process) => sum + process.cpuSeconds, 0);
  // What the machine did besides: someone else's tests, builds… (the load average says so too).
  return [
    ...ours,
    entry(OTHERS, Math.max(0, machine - oursTotal)),
    entry(IDLE, Math.max(0, capacity - machine)),
  ];
}
