/**
 * Readiness (API.md "Health"): every dependency is probed at once, each within a deadline, and
 * the shop is ready only when all of them answered. A failed probe is named with a short reason
 * (an error's name, never its message: messages may carry account ids or URLs).
 */
export type Probe = () => Promise<void>;

/** 'ok', or a short reason. */
export type CheckResult = string;

export interface ReadinessReport {
  ready: boolean;
  checks: Record<string, CheckResult>;
}

/** Thrown by a probe that reached its dependency and did not like the answer. */
export class DependencyNotReady extends Error {
  override readonly name = 'DependencyNotReady';
}

const withDeadline = async (probe: Probe, timeoutMs: number): Promise<CheckResult> => {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<CheckResult>((resolve) => {
    timer = setTimeout(() => resolve(`no answer within ${timeoutMs} ms`), timeoutMs);
  });
  try {
    return await Promise.race([
      probe().then(
        (): CheckResult => 'ok',
        (error: unknown): CheckResult => reasonOf(error),
      ),
      deadline,
    ]);
  } finally {
    clearTimeout(timer);
  }
};

const reasonOf = (error: unknown): string => {
  if (error instanceof DependencyNotReady) return error.message;
  if (error instanceof Error) return error.name === 'TypeError' ? 'unreachable' : error.name;
  return 'failed';
};

export const checkReadiness = async (
  probes: Record<string, Probe>,
  timeoutMs: number,
): Promise<ReadinessReport> => {
  const entries = Object.entries(probes).sort(([a], [b]) => a.localeCompare(b));
  const checked = await Promise.all(
    entries.map(async ([name, probe]) => [name, await withDeadline(probe, timeoutMs)] as const),
  );
  return {
    ready: checked.every(([, result]) => result === 'ok'),
    checks: Object.fromEntries(checked),
  };
};
