import { resolve } from 'node:path';
import { startStack, type RunningStack } from '../../support/start-stack';
import { commandOf, isAlive, processTree } from '../../support/process-tree';
import { portsAt, PRIVATE_STACK_BASES, ROOT } from '../../support/test-stack';

// Ports of their own, so this stack runs beside the suite's shared one.
const PORTS = portsAt(PRIVATE_STACK_BASES.npmStart);

async function waitForExit(pids: number[], timeoutMs: number): Promise<number[]> {
  const deadline = Date.now() + timeoutMs;
  let alive = pids.filter(isAlive);
  while (alive.length > 0 && Date.now() < deadline) {
    await new Promise((resolveDelay) => setTimeout(resolveDelay, 100));
    alive = pids.filter(isAlive);
  }
  return alive;
}

/**
 * Asks GET /health every few milliseconds from before the stack starts; the first 200 is
 * followed at once by what a client would do next: sign the admin in and use an admin route.
 */
async function adminRightAfterFirstHealth(
  httpUrl: string,
  admin: { email: string; password: string },
  signal: AbortSignal,
): Promise<{ login: number; profile: unknown; adminRoute: number }> {
  while (!signal.aborted) {
    const health = await fetch(`${httpUrl}/health`).catch(() => undefined);
    if (health?.status === 200) {
      const login = await fetch(`${httpUrl}/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(admin),
      });
      const { accessToken } = (await login.json()) as { accessToken?: string };
      const authorization = `Bearer ${accessToken ?? ''}`;
      const profile = await fetch(`${httpUrl}/users/me`, { headers: { authorization } });
      const slot = await fetch(`${httpUrl}/delivery/slots`, {
        method: 'POST',
        headers: { authorization, 'content-type': 'application/json' },
        body: JSON.stringify({
          start: '2030-01-01T10:00:00.000Z',
          end: '2030-01-01T11:00:00.000Z',
          capacity: 1,
        }),
      });
      return { login: login.status, profile: await profile.json(), adminRoute: slot.status };
    }
    await new Promise((resolveDelay) => setTimeout(resolveDelay, 20));
  }
  throw new Error('aborted before /health answered');
}

const STACK_FILE = resolve(ROOT, '.local', 'npm-start-test.json');

/** What each start checks while it runs: its answer to GET /health and what it printed. */
async function expectServing(stack: RunningStack, started: number[]): Promise<void> {
  const health = await fetch(`http://127.0.0.1:${PORTS.SHOP_HTTP_PORT}/health`);
  expect(health.status).toBe(200);
  expect(await health.json()).toEqual({ status: 'ok' });
  expect(stack.output()).toContain(`http://127.0.0.1:${PORTS.SHOP_HTTP_PORT}`);
  expect(stack.output()).toContain(`http://127.0.0.1:${PORTS.SHOP_SFN_PORT}`);
  // java (DynamoDB Local) and node (serverless-offline) run under it.
  expect(started.map(commandOf).join('\n')).toMatch(/DynamoDBLocal\.jar/);
  expect(started.map(commandOf).join('\n')).toMatch(/serverless\.js offline start/);
}

/** Stops the stack with `signal` and expects every process it had started gone, and its port shut. */
async function expectGoneAfter(
  stack: RunningStack,
  started: number[],
  signal: NodeJS.Signals,
): Promise<void> {
  await stack.stop(signal);
  const stillAlive = await waitForExit(started, 15_000);
  expect(stillAlive.map((pid) => `${pid} ${commandOf(pid)}`)).toEqual([]);
  await expect(fetch(`http://127.0.0.1:${PORTS.SHOP_HTTP_PORT}/health`)).rejects.toThrow();
}

// Two starts, each a few seconds of a CPU: the first from nothing (--fresh) and stopped the way a
// process manager stops npm, the second on the data the first left and stopped as Ctrl-C does.
describe('npm start -- --fresh, stopped with SIGTERM to npm', () => {
  const admin = { email: 'ready-admin@shop.local', password: 'Ready-Passw0rd!' };
  const polling = new AbortController();
  let firstUse: ReturnType<typeof adminRightAfterFirstHealth>;
  let stack: RunningStack | undefined;
  let started: number[] = [];

  beforeAll(async () => {
    firstUse = adminRightAfterFirstHealth(
      `http://127.0.0.1:${PORTS.SHOP_HTTP_PORT}`,
      admin,
      polling.signal,
    );
    // Settled now, awaited in its test: a failed start must not leave it unhandled.
    firstUse.catch(() => undefined);
    stack = await startStack(
      'npm',
      ['start', '--silent', '--', '--fresh'],
      {
        ...process.env,
        ...PORTS,
        SHOP_ADMIN_EMAIL: admin.email,
        SHOP_ADMIN_PASSWORD: admin.password,
        SHOP_STACK_FILE: STACK_FILE,
      },
      { timeoutMs: 60_000 },
    ).catch((error: unknown) => {
      polling.abort();
      throw error;
    });
    started = processTree(stack.child.pid ?? 0);
  }, 120_000);

  afterAll(async () => {
    await stack?.stop();
  });

  it('answers nothing, not even /health, until the admin can sign in and use admin routes', async () => {
    expect(await firstUse).toEqual({
      login: 200,
      profile: expect.objectContaining({ email: admin.email, isAdmin: true }) as unknown,
      adminRoute: 201,
    });
  });

  it('serves GET /health and prints its URLs', async () => {
    await expectServing(stack as RunningStack, started);
  });

  it('leaves no process behind on SIGTERM to npm', async () => {
    await expectGoneAfter(stack as RunningStack, started, 'SIGTERM');
  }, 60_000);
});

describe('npm start on the data of the last, stopped with Ctrl-C', () => {
  it('serves GET /health, prints its URLs, and leaves no process behind on SIGINT to its whole process group', async () => {
    const stack = await startStack(
      'npm',
      ['start', '--silent'],
      { ...process.env, ...PORTS, SHOP_STACK_FILE: STACK_FILE },
      { timeoutMs: 60_000, detached: true },
    );
    const started = processTree(stack.child.pid ?? 0);
    try {
      await expectServing(stack, started);
    } finally {
      await expectGoneAfter(stack, started, 'SIGINT');
    }
  }, 120_000);
});
