import { ListExecutionsCommand, SFNClient } from '@aws-sdk/client-sfn';
import { randomUUID } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ShopApi } from '../../../client/shop-api';
import type { Order } from '../../../contracts/http/orders';
import type { Slot } from '../../../contracts/http/delivery';
import { isAlive, processTree } from '../../support/process-tree';
import { readStackFile, startStack, type RunningStack } from '../../support/start-stack';
import { portsAt, PRIVATE_STACK_BASES, ROOT, type StackDetails } from '../../support/test-stack';

// Issue 12's crash: 100 orders from 10 customers in flight, the whole stack (every process it
// started) killed with SIGKILL, started again on the same data directory. Every order must end
// CONFIRMED or CANCELLED within two minutes of the restart, with every wallet, stock level and
// slot agreeing with the confirmed orders. The stack runs as a process tree of its own, on its
// own ports, so that it can be killed without touching the suite's shared stack.
jest.setTimeout(600_000);

const BASE = PRIVATE_STACK_BASES.crashRecovery;
const PORTS = portsAt(BASE);
const NAME = `crash-recovery-${PORTS.SHOP_HTTP_PORT}`;
const STACK_FILE = resolve(ROOT, '.local', `${NAME}.json`);
const DATA_DIR = resolve(ROOT, '.local', `${NAME}-data`);
const CUSTOMERS = 10;
const SLOTS = 10;
// Scarce on purpose: some orders are cancelled for want of stock, slot places or money, so the
// undo steps are in flight at the kill too.
const SLOT_CAPACITY = 8;
const MUG = { price: 100, onHand: 30 };
const KETTLE = { price: 250, onHand: 1000 };
const DEPOSIT = 2000;
const RESTART_DEADLINE_MS = 120_000;

const pause = (ms: number) => new Promise((resolveDelay) => setTimeout(resolveDelay, ms));

interface Customer {
  email: string;
  password: string;
  token: string;
}

async function startCrashStack(fresh: boolean): Promise<RunningStack> {
  return startStack(
    process.execPath,
    ['--import', 'tsx', 'embedded-stack/start.ts', ...(fresh ? ['--fresh'] : [])],
    {
      ...process.env,
      ...PORTS,
      SHOP_STACK_FILE: STACK_FILE,
      SHOP_DATA_DIR: DATA_DIR,
      SHOP_SFN_TIME_SCALE: '0.01',
      POWERTOOLS_LOG_LEVEL: process.env.SHOP_TEST_LOG_LEVEL ?? 'WARN',
    },
    // Its own process group: the kill reaches every process of it, as a power cut would.
    {
      timeoutMs: 120_000,
      detached: true,
      logFile: resolve(ROOT, '.local', `${NAME}-${fresh ? 'first' : 'second'}.log`),
    },
  );
}

/** SIGKILL to every process of the stack; resolves once all of them are gone. */
async function killWholeStack(stack: RunningStack): Promise<number> {
  const pids = processTree(stack.child.pid ?? 0);
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Gone already.
    }
  }
  await stack.stop('SIGKILL');
  while (pids.some(isAlive)) await pause(100);
  return pids.length;
}

async function inBatches<T, R>(items: T[], limit: number, task: (item: T) => Promise<R>) {
  const results: R[] = [];
  for (let start = 0; start < items.length; start += limit) {
    results.push(...(await Promise.all(items.slice(start, start + limit).map(task))));
  }
  return results;
}

async function ordersOf(shop: ShopApi, customer: Customer): Promise<Order[]> {
  const response = await shop.request('GET', '/orders?limit=100', undefined, {
    token: customer.token,
  });
  if (response.status !== 200) throw new Error(`GET /orders: ${response.status}`);
  return (response.body as { items: Order[] }).items;
}

let stack: RunningStack | undefined;

afterAll(async () => {
  await stack?.stop('SIGTERM');
});

describe('a stack killed with SIGKILL while 100 orders are in flight', () => {
  it('finishes every order after a restart, and keeps every wallet, stock level and slot whole', async () => {
    await rm(DATA_DIR, { recursive: true, force: true });
    stack = await startCrashStack(true);
    const details = await readStackFile<StackDetails>(STACK_FILE);
    const shop = new ShopApi(details.httpApiUrl);

    // The catalog, the slots (one day each) and the customers, through the public API.
    const admin = (await shop.login(details.admin)).accessToken;
    const mug = await shop.createProduct(admin, { name: `Mug ${randomUUID()}`, price: MUG.price });
    await shop.setStock(admin, mug.productId, MUG.onHand);
    const kettle = await shop.createProduct(admin, {
      name: `Kettle ${randomUUID()}`,
      price: KETTLE.price,
    });
    await shop.setStock(admin, kettle.productId, KETTLE.onHand);
    const slots: Slot[] = await inBatches(
      Array.from({ length: SLOTS }, (_, index) => index),
      5,
      (index) => {
        const day = new Date(Date.UTC(2200, 0, 1) + index * 86_400_000).toISOString().slice(0, 10);
        return shop.createSlot(admin, {
          start: `${day}T09:00:00Z`,
          end: `${day}T11:00:00Z`,
          capacity: SLOT_CAPACITY,
        });
      },
    );
    const customers: Customer[] = await inBatches(
      Array.from({ length: CUSTOMERS }, (_, index) => index),
      4,
      async () => {
        const email = `crash-${randomUUID()}@example.com`;
        const password = `Passw0rd-${randomUUID()}`;
        await shop.register({ email, password, name: 'Crash Customer' });
        const { accessToken } = await shop.login({ email, password });
        await shop.deposit(accessToken, DEPOSIT);
        return { email, password, token: accessToken };
      },
    );

    // 100 orders, 20 at a time (a 2-core machine answers bursts of 50 or 100 with 503s): each customer
    // once per slot, so none is another's DUPLICATE_ORDER. A 503 is retried with the same
    // Idempotency-Key, as a client would.
    const placements = customers.flatMap((customer) =>
      slots.map((slot) => ({ customer, slot, key: randomUUID() })),
    );
    const placed = await inBatches(placements, 20, async ({ customer, slot, key }) => {
      for (let attempt = 1; ; attempt += 1) {
        const response = await shop.request(
          'POST',
          '/orders',
          {
            items: [
              { productId: mug.productId, quantity: 1 },
              { productId: kettle.productId, quantity: 1 },
            ],
            deliverySlotId: slot.slotId,
          },
          { token: customer.token, headers: { 'Idempotency-Key': key } },
        );
        if (response.status !== 503 || attempt === 3) return response.status;
      }
    });
    expect(placed.filter((status) => status !== 201 && status !== 200)).toEqual([]);

    // Every order is placed and its execution started: kill while sagas are still running.
    const sfn = new SFNClient({
      endpoint: details.stepFunctionsUrl,
      region: details.region,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    const running = await sfn.send(
      new ListExecutionsCommand({
        stateMachineArn: details.stateMachineArns[0],
        statusFilter: 'RUNNING',
        maxResults: 1000,
      }),
    );
    sfn.destroy();
    const runningAtKill = running.executions?.length ?? 0;
    const killedAt = Date.now();
    const killed = await killWholeStack(stack);
    stack = undefined;

    stack = await startCrashStack(false);
    const restartedAt = Date.now();
    const resumed = /Resumed +(\d+) executions/.exec(stack.output())?.[1];
    // The users and their tokens' pool survived: every customer signs in again.
    for (const customer of customers) {
      customer.token = (
        await shop.login({ email: customer.email, password: customer.password })
      ).accessToken;
    }
    let orders: Order[][] = [];
    for (;;) {
      orders = await inBatches(customers, 5, (customer) => ordersOf(shop, customer));
      const pending = orders.flat().filter((order) => order.status === 'PENDING');
      if (pending.length === 0 || Date.now() - restartedAt > RESTART_DEADLINE_MS) break;
      await pause(1000);
    }
    const allTerminalAt = Date.now();

    const all = orders.flat();
    expect(all).toHaveLength(CUSTOMERS * SLOTS);
    expect(all.filter((order) => !['CONFIRMED', 'CANCELLED'].includes(order.status))).toEqual([]);
    const confirmed = all.filter((order) => order.status === 'CONFIRMED');

    // Money: each balance is what was deposited less what confirmed orders captured; none held.
    const wallets = await inBatches(customers, 5, (customer) => shop.wallet(customer.token));
    const capturedOf = (index: number) =>
      (orders[index] ?? [])
        .filter((order) => order.status === 'CONFIRMED')
        .reduce((total, order) => total + order.total, 0);
    expect(wallets.map((wallet) => ({ balance: wallet.balance, held: wallet.held }))).toEqual(
      customers.map((_, index) => ({ balance: DEPOSIT - capturedOf(index), held: 0 })),
    );

    // Stock: each product's reserved units are the units of its confirmed orders.
    const unitsOf = (productId: string) =>
      confirmed
        .flatMap((order) => order.items)
        .filter((item) => item.productId === productId)
        .reduce((total, item) => total + item.quantity, 0);
    for (const product of [mug, kettle]) {
      const level = await shop.stockLevel(product.productId);
      expect({ productId: product.productId, reserved: level.reserved }).toEqual({
        productId: product.productId,
        reserved: unitsOf(product.productId),
      });
    }

    // Slots: each slot's booked count is its confirmed orders.
    for (const slot of slots) {
      const now = (await shop.slotsOn(slot.start.slice(0, 10))).items.find(
        (item) => item.slotId === slot.slotId,
      );
      expect({ slotId: slot.slotId, booked: now?.booked }).toEqual({
        slotId: slot.slotId,
        booked: confirmed.filter((order) => order.deliverySlotId === slot.slotId).length,
      });
    }

    const figures = {
      orders: all.length,
      runningAtKill,
      processesKilled: killed,
      resumed: Number(resumed ?? 0),
      secondsToRestart: (restartedAt - killedAt) / 1000,
      confirmed: confirmed.length,
      cancelled: all.length - confirmed.length,
      secondsFromKillToAllTerminal: (allTerminalAt - killedAt) / 1000,
      secondsFromRestartToAllTerminal: (allTerminalAt - restartedAt) / 1000,
      deposited: CUSTOMERS * DEPOSIT,
      captured: customers.reduce((total, _, index) => total + capturedOf(index), 0),
      balances: wallets.reduce((total, wallet) => total + wallet.balance, 0),
    };
    console.log(`crash recovery: ${JSON.stringify(figures)}`);
    await writeFile(resolve(ROOT, '.local', `${NAME}-figures.json`), JSON.stringify(figures));
    // The sagas were in flight when the stack died: the test would prove nothing otherwise.
    expect(runningAtKill).toBeGreaterThan(0);
  });
});
