import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { sharedPackage } from '../../support/packaged-template';
import { ROOT, TEST_STACK_FILE } from '../../support/test-stack';

// Keeps `npm run bench` working: a tiny run against the suite's own stack, checked for the shape
// of its report and for every order having ended. How fast anything was is not checked: a shared
// 2-core machine makes any threshold a coin toss. The dev stage's package is the run's shared one
// (the deploy tests read it too): the bench measures its bundles instead of packaging again.

const FORWARD_STEPS = [
  'ReservePayment',
  'ReserveStock',
  'BookDelivery',
  'CapturePayment',
  'ConfirmOrder',
];
const TERMINAL = ['CONFIRMED', 'CANCELLED', 'COMPENSATION_FAILED'];

interface Summary {
  count: number;
  p50: number;
  p95: number;
  p99: number;
}
interface SmokeReport {
  schemaVersion: number;
  machine: { loadAverage: Record<string, number[]> };
  orders: {
    measured: number;
    ended: number;
    errors: number;
    errorSamples: string[];
    statusCounts: Record<string, number>;
    ordersPerSecond: number;
    latencyMs: Record<'postToTerminal' | 'postToTerminalObserved' | 'postOrders', Summary>;
    unavailable: number;
    misanswered: number;
    createdNotEnded: number;
  };
  saga: {
    executions: number;
    billedTransitionsPerExecution: number;
    overheadPerTransitionMs: Summary;
    states: Record<string, { count: number; meanMs: number; p50Ms: number; p95Ms: number }>;
  };
  interpreter: Record<
    'success' | 'undo',
    { transitionsPerExecution: number; microsecondsPerTransition: number }
  >;
  http: Record<'health' | 'getOrder', { requests: number; requestsPerSecond: number }>;
  perOrder: {
    dynamodb: { operations: number; readUnits: number; writeUnits: number };
    lambdaInvocations: unknown[];
    snsPublishes: unknown[];
  };
  floor: {
    orders: number;
    errors: number;
    ordersPerSecond: number;
    orderLatencyMs: Summary;
    ratio: { throughput: number; p50Latency: number };
  };
  bundles: {
    functions: { fn: string; zipBytes: number; importMs: number; error?: string }[];
  };
  cost: Record<
    'standard' | 'express',
    { usdPerMillionOrders: number; lines: { item: string; usdPerMillionOrders: number }[] }
  >;
}

const isNumber = (value: unknown): boolean => typeof value === 'number' && Number.isFinite(value);

const expectSummary = (summary: Summary, count: number): void => {
  expect(summary.count).toBe(count);
  for (const value of [summary.p50, summary.p95, summary.p99]) expect(isNumber(value)).toBe(true);
};

describe('npm run bench', () => {
  it('ends every order it places on the test stack and writes a report with every figure', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bench-smoke-'));
    const out = join(dir, 'report.json');
    try {
      const devPackage = await sharedPackage('dev');
      await promisify(execFile)(
        process.execPath,
        [
          '--import',
          'tsx',
          'bench/run.ts',
          '--stack-file',
          TEST_STACK_FILE,
          '--orders',
          '5',
          '--concurrency',
          '2',
          '--warmup',
          '1',
          '--http-seconds',
          '1',
          '--cold-start-runs',
          '1',
          '--package',
          dirname(devPackage.dir),
          '--out',
          out,
        ],
        { cwd: ROOT, env: process.env, maxBuffer: 16 * 1024 * 1024 },
      );
      const report = JSON.parse(await readFile(out, 'utf8')) as SmokeReport;

      expect(report.schemaVersion).toBe(1);
      expect(report.machine.loadAverage.beforeLoad).toHaveLength(3);

      expect(report.orders).toMatchObject({ measured: 5, ended: 5, errors: 0, errorSamples: [] });
      expect(
        Object.keys(report.orders.statusCounts).every((status) => TERMINAL.includes(status)),
      ).toBe(true);
      expect(Object.values(report.orders.statusCounts).reduce((sum, count) => sum + count, 0)).toBe(
        5,
      );
      expect(isNumber(report.orders.ordersPerSecond)).toBe(true);
      // Every order ended (above): none created and lost, none answered against the contract.
      expect(report.orders.misanswered).toBe(0);
      expect(report.orders.createdNotEnded).toBe(0);
      expect(isNumber(report.orders.unavailable)).toBe(true);
      expectSummary(report.orders.latencyMs.postToTerminal, 5);
      expectSummary(report.orders.latencyMs.postToTerminalObserved, 5);
      expectSummary(report.orders.latencyMs.postOrders, 5);

      expect(report.saga.executions).toBe(5);
      expect(isNumber(report.saga.billedTransitionsPerExecution)).toBe(true);
      expectSummary(report.saga.overheadPerTransitionMs, 5);
      // The saga's two paths as the interpreter alone runs them: NewOrStuck, 5 steps and
      // OrderConfirmed; NewOrStuck, 3 steps, 4 undo steps and OrderCancelled when BookDelivery fails.
      expect(report.interpreter.success.transitionsPerExecution).toBe(7);
      expect(report.interpreter.undo.transitionsPerExecution).toBe(9);
      for (const path of [report.interpreter.success, report.interpreter.undo])
        expect(isNumber(path.microsecondsPerTransition)).toBe(true);
      expect(Object.keys(report.saga.states)).toEqual(expect.arrayContaining(FORWARD_STEPS));
      for (const state of Object.values(report.saga.states)) {
        expect(state.count).toBeGreaterThan(0);
        expect([state.meanMs, state.p50Ms, state.p95Ms].every(isNumber)).toBe(true);
      }

      // How many requests autocannon got through in a second is the machine's business.
      expect(isNumber(report.http.health.requestsPerSecond)).toBe(true);
      expect(isNumber(report.http.getOrder.requestsPerSecond)).toBe(true);

      expect(report.perOrder.dynamodb.operations).toBeGreaterThan(0);
      expect(report.perOrder.dynamodb.writeUnits).toBeGreaterThan(0);
      expect(report.perOrder.lambdaInvocations.length).toBeGreaterThan(0);

      expect(report.floor).toMatchObject({ orders: 5, errors: 0 });
      expectSummary(report.floor.orderLatencyMs, 5);
      expect([report.floor.ratio.throughput, report.floor.ratio.p50Latency].every(isNumber)).toBe(
        true,
      );

      expect(report.bundles.functions.length).toBeGreaterThan(0);
      for (const fn of report.bundles.functions) {
        expect(fn.error).toBeUndefined();
        expect(fn.zipBytes).toBeGreaterThan(0);
        expect(isNumber(fn.importMs)).toBe(true);
      }

      for (const workflow of [report.cost.standard, report.cost.express]) {
        expect(workflow.usdPerMillionOrders).toBeGreaterThan(0);
        expect(workflow.lines.every((line) => isNumber(line.usdPerMillionOrders))).toBe(true);
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 600_000);
});
