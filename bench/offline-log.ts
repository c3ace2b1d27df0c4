import { open, stat } from 'node:fs/promises';
import { summarize, type Summary } from './stats';

/**
 * The durations serverless-offline itself logs for every invocation it runs ("(λ: placeOrder)
 * RequestId: … Duration: 395.1 ms"): how long each HTTP handler, and each function invoked
 * through its Lambda endpoint, took inside the stack under the bench's load. Read from the part
 * of the stack's log written during the measured phase; only for a stack the bench started.
 */

const DURATION = /\(λ: (\w+)\) RequestId: \S+\s+Duration: ([\d.]+) ms/g;

export const logSize = async (file: string): Promise<number> => (await stat(file)).size;

export async function lambdaDurationsFromLog(
  file: string,
  from: number,
  to: number,
): Promise<Record<string, Summary>> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(Math.max(0, to - from));
    await handle.read(buffer, 0, buffer.length, from);
    const byFunction = new Map<string, number[]>();
    for (const [, fn = '', duration = ''] of buffer.toString('utf8').matchAll(DURATION)) {
      const durations = byFunction.get(fn) ?? [];
      durations.push(Number(duration));
      byFunction.set(fn, durations);
    }
    return Object.fromEntries(
      [...byFunction]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([fn, values]) => [fn, summarize(values)]),
    );
  } finally {
    await handle.close();
  }
}
