import { resolve } from 'node:path';
import { startStack } from '../../support/start-stack';
import { commandOf, isAlive, processTree } from '../../support/process-tree';
import { portsAt, ROOT } from '../../support/test-stack';

// Ports of their own, so this stack runs beside the suite's shared one.
const PORTS = portsAt(200);

async function waitForExit(pids: number[], timeoutMs: number): Promise<number[]> {
  const deadline = Date.now() + timeoutMs;
  let alive = pids.filter(isAlive);
  while (alive.length > 0 && Date.now() < deadline) {
    await new Promise((resolveDelay) => setTimeout(resolveDelay, 100));
    alive = pids.filter(isAlive);
  }
  return alive;
}

describe('npm start', () => {
  it.each([
    ['SIGTERM to npm', 'SIGTERM', false],
    ['Ctrl-C (SIGINT to its whole process group)', 'SIGINT', true],
  ] as const)(
    'serves GET /health, prints its URLs, and leaves no process behind on %s',
    async (_, signal, detached) => {
      const stack = await startStack(
        'npm',
        ['start', '--silent', '--', '--fresh'],
        {
          ...process.env,
          ...PORTS,
          SHOP_STACK_FILE: resolve(ROOT, '.local', 'npm-start-test.json'),
        },
        { timeoutMs: 60_000, detached },
      );
      const started = processTree(stack.child.pid ?? 0);
      let stillAlive: number[] = [];
      try {
        const health = await fetch(`http://127.0.0.1:${PORTS.SHOP_HTTP_PORT}/health`);
        expect(health.status).toBe(200);
        expect(await health.json()).toEqual({ status: 'ok' });
        expect(stack.output()).toContain(`http://127.0.0.1:${PORTS.SHOP_HTTP_PORT}`);
        expect(stack.output()).toContain(`http://127.0.0.1:${PORTS.SHOP_SFN_PORT}`);
        // java (DynamoDB Local) and node (serverless-offline) run under it.
        expect(started.map(commandOf).join('\n')).toMatch(/DynamoDBLocal\.jar/);
        expect(started.map(commandOf).join('\n')).toMatch(/serverless\.js offline start/);
      } finally {
        await stack.stop(signal);
        stillAlive = await waitForExit(started, 15_000);
      }
      expect(stillAlive.map((pid) => `${pid} ${commandOf(pid)}`)).toEqual([]);
      await expect(fetch(`http://127.0.0.1:${PORTS.SHOP_HTTP_PORT}/health`)).rejects.toThrow();
    },
    120_000,
  );
});
