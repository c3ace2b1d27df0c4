/** Polls `probe` until it resolves true, or fails after `timeoutMs` naming what it waited for. */
export async function waitUntil(
  what: string,
  probe: () => Promise<boolean>,
  { timeoutMs, intervalMs = 100 }: { timeoutMs: number; intervalMs?: number },
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await probe().catch(() => false)) return;
    if (Date.now() > deadline)
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolveDelay) => setTimeout(resolveDelay, intervalMs));
  }
}
