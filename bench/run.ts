/**
 * `npm run bench`: places orders on the embedded stack at a fixed concurrency and reports what
 * they cost in time and in AWS money. See docs/performance.md for what each figure means and how
 * it is measured; `npm run bench -- --help` for the options.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, totalmem } from 'node:os';
import { performance } from 'node:perf_hooks';
import { dirname, resolve } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SFNClient } from '@aws-sdk/client-sfn';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { Presets, SingleBar } from 'cli-progress';
import {
  loadServerlessConfig,
  type ResolvedServerlessConfig,
} from '../embedded-stack/serverless-config';
import { ShopApi } from '../client/shop-api';
import { cpuBetween, cpuSnapshot } from './cpu-usage';
import { measureBundles, packageForAws, removePackage, type AwsPackage } from './bundles';
import { estimateCost } from './cost';
import { asBatchGet, floorTemplate, runFloor, withBatchGets } from './floor';
import { measureEndpoint } from './http-phase';
import { lambdaDurationsFromLog, logSize } from './offline-log';
import { placeOrders, TERMINAL, type OrderResult } from './load';
import { parseOptions, USAGE, type BenchOptions } from './options';
import { planProbeOrder } from './order-mix';
import { createProbe, typicalInvocations, type Probe, type ProbeOrder } from './probe';
import { measureInterpreter } from './interpreter-speed';
import { formatReport, type BenchReport } from './report';
import { requestUnitsOf } from './request-units';
import { readPaths, summarizePaths } from './saga-histories';
import { seedShop } from './seed';
import { ROOT, startOwnStack, useRunningStack, type BenchStack } from './stack';
import { countBy, mean, median, round, summarize } from './stats';

/** Probe orders measured after the warm one; their medians are reported. */
const PROBE_ORDERS = 3;

const say = (message: string): void => {
  process.stderr.write(`[bench] ${message}\n`);
};

const cleanups: (() => Promise<void>)[] = [];
let cleaning: Promise<void> | undefined;
const cleanUp = (): Promise<void> =>
  (cleaning ??= (async () => {
    for (const step of cleanups.reverse()) await step().catch(() => undefined);
  })());

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    say(`${signal}: stopping`);
    void cleanUp().finally(() => process.exit(130));
  });
}

/** One bar per phase, on stderr; cli-progress draws nothing when stderr is not a terminal. */
const bar = (phase: string, total: number): SingleBar => {
  const progressBar = new SingleBar(
    { format: `${phase.padEnd(10)} |{bar}| {value}/{total} {info}`, hideCursor: true },
    Presets.shades_classic,
  );
  progressBar.start(total, 0, { info: '' });
  return progressBar;
};

async function startStack(options: BenchOptions): Promise<BenchStack> {
  say(
    options.stackFile
      ? `Using the running stack of ${options.stackFile}`
      : `Starting a stack on ports ${3000 + options.portBase}… (log: .local/bench-stack-${3000 + options.portBase}.log)`,
  );
  const stack = options.stackFile
    ? await useRunningStack(options.stackFile, options.url)
    : await startOwnStack(options.portBase, options.logLevel);
  cleanups.push(() => stack.stop());
  return stack;
}

/** The AWS artifacts and the local stage's resolved config: needed later, made meanwhile. */
async function prepare(
  options: BenchOptions,
): Promise<{ pkg: AwsPackage; config: ResolvedServerlessConfig }> {
  say(
    options.packageDir
      ? `Using the dev stage's package in ${options.packageDir}`
      : 'Packaging the functions for AWS (sls package --stage dev) meanwhile…',
  );
  const [pkg, config] = await Promise.allSettled([
    packageForAws(options.packageDir).then((packaged) => {
      cleanups.push(() => removePackage(packaged));
      return packaged;
    }),
    loadServerlessConfig(process.env),
  ]);
  if (pkg.status === 'rejected') throw pkg.reason;
  if (config.status === 'rejected') throw config.reason;
  return { pkg: pkg.value, config: config.value };
}

async function main(): Promise<void> {
  const parsed = parseOptions(process.argv.slice(2));
  if (parsed === 'help') {
    console.log(USAGE);
    return;
  }
  const options = parsed;
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const startedAt = new Date();
  const loadAtStart = loadavg();

  // The stack first, alone: under load its DynamoDB Local may miss its start deadline.
  const stack = await startStack(options);
  const prepared = prepare(options);
  // Settled now, awaited later: a failure must not go unhandled while seeding runs.
  prepared.catch(() => undefined);
  const { details } = stack;
  const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
  const dynamoLow = new DynamoDBClient({
    endpoint: details.dynamodbUrl,
    region: details.region,
    credentials,
    maxAttempts: 1,
  });
  const dynamo = DynamoDBDocumentClient.from(dynamoLow, {
    marshallOptions: { removeUndefinedValues: true },
  });
  const sfn = new SFNClient({
    endpoint: details.stepFunctionsUrl,
    region: details.region,
    credentials,
  });
  const api = new ShopApi(details.httpApiUrl);

  say(
    `Seeding ${options.users} customers, ${options.products} products, ${options.slots} slots through the API…`,
  );
  const shop = await seedShop(api, { ...options, admin: details.admin });
  const { pkg, config } = await prepared;

  say(
    `Probe: ${PROBE_ORDERS + 1} orders through the handlers in this process, every AWS call recorded…`,
  );
  const buildDir = resolve(ROOT, '.local', `bench-in-process-${process.pid}`);
  cleanups.push(() => rm(buildDir, { recursive: true, force: true }));
  const probe: Probe = await createProbe({ config, stack, buildDir });
  const probedOrders: ProbeOrder[] = [];
  try {
    // The first loads and warms every handler; the next ones are measured (medians: one order
    // alone on a shared machine is one sample of its noise).
    await probe.runOrder(planProbeOrder(shop, options.itemsPerOrder, 0));
    for (let sequence = 1; sequence <= PROBE_ORDERS; sequence++) {
      probedOrders.push(
        await probe.runOrder(planProbeOrder(shop, options.itemsPerOrder, sequence)),
      );
    }
  } finally {
    await probe.close();
  }
  const probed = probedOrders[probedOrders.length - 1];
  if (!probed) throw new Error('No probe order was measured');
  const failed = probedOrders.find((order) => order.executionStatus !== 'SUCCEEDED');
  if (failed) throw new Error(`The probe order's saga ended ${failed.executionStatus}`);
  const typical = typicalInvocations(probedOrders);
  const probeExecutionMs = median(
    probedOrders.map(
      (order) => (order.path.endedAt ?? order.path.startedAt) - order.path.startedAt,
    ),
  );
  const units = await requestUnitsOf(probed.calls, { low: dynamoLow, document: dynamo });

  const sequences = Array.from({ length: options.concurrency }, () => 0);
  const loadOptions = {
    api,
    shop,
    concurrency: options.concurrency,
    itemsPerOrder: options.itemsPerOrder,
    pollIntervalMs: options.pollIntervalMs,
    orderTimeoutMs: options.orderTimeoutMs,
    idempotencyKeys: options.idempotencyKeys,
    sequences,
  };
  if (options.warmup > 0) {
    say(`Warm-up: ${options.warmup} orders, not measured…`);
    const warm = bar('warm-up', options.warmup);
    await placeOrders({
      ...loadOptions,
      count: options.warmup,
      onOrderEnded: () => warm.increment(),
    });
    warm.stop();
  }

  say(
    options.durationSeconds !== undefined
      ? `Load: orders for ${options.durationSeconds} s at concurrency ${options.concurrency}…`
      : `Load: ${options.orders ?? 0} orders at concurrency ${options.concurrency}…`,
  );
  const loadBefore = loadavg();
  const cpuBefore = cpuSnapshot(details.pids ?? []);
  const logFrom = stack.logFile !== undefined ? await logSize(stack.logFile) : 0;
  const wallStart = performance.now();
  let errorsSoFar = 0;
  const measuredBar =
    options.durationSeconds !== undefined
      ? bar('orders', options.durationSeconds)
      : bar('orders', options.orders ?? 0);
  const loadStartedAt = Date.now();
  const ticker =
    options.durationSeconds !== undefined
      ? setInterval(
          () =>
            measuredBar.update(
              Math.min(
                options.durationSeconds ?? 0,
                Math.round((Date.now() - loadStartedAt) / 1000),
              ),
            ),
          1000,
        )
      : undefined;
  let ended = 0;
  const run = await placeOrders({
    ...loadOptions,
    ...(options.durationSeconds !== undefined
      ? { durationMs: options.durationSeconds * 1000 }
      : { count: options.orders ?? 0 }),
    onOrderEnded: (result: OrderResult) => {
      ended += 1;
      if (result.error !== undefined) errorsSoFar += 1;
      const info = `orders ${ended}, ${(ended / ((Date.now() - loadStartedAt) / 1000)).toFixed(1)}/s, errors ${errorsSoFar}`;
      if (options.durationSeconds === undefined) measuredBar.increment({ info });
      else measuredBar.update({ info });
    },
  });
  if (ticker) clearInterval(ticker);
  measuredBar.stop();
  const loadAfter = loadavg();
  const wallSeconds = (performance.now() - wallStart) / 1000;
  const cpuAfter = cpuSnapshot(details.pids ?? []);
  const stackSide = {
    method:
      'CPU seconds of each process of the stack (and its children) and of the bench, from /proc, over the measured load; Lambda durations as serverless-offline logs them for each invocation it ran in that time (a stack the bench started only).',
    wallSeconds: round(wallSeconds),
    cpu: cpuBetween(cpuBefore, cpuAfter, wallSeconds, cpus().length),
    lambdaDurationsMs:
      stack.logFile !== undefined
        ? await lambdaDurationsFromLog(stack.logFile, logFrom, await logSize(stack.logFile))
        : null,
  };
  const results = run.results;
  const terminal = results.filter(
    (result) =>
      result.status !== undefined && (TERMINAL as readonly string[]).includes(result.status),
  );

  say('Reading the execution histories…');
  const paths = await readPaths(
    sfn,
    stack.orderSagaArn,
    results.flatMap((result) => (result.orderId ? [result.orderId] : [])),
  );
  const saga = summarizePaths(paths);

  say('The interpreter alone: the saga ASL in this process, tasks answering at once…');
  const interpreter = await measureInterpreter();

  say(`HTTP layer with autocannon (${options.httpSeconds} s per endpoint)…`);
  const sample = results.find((result) => result.orderId !== undefined);
  const sampleUser = sample ? shop.users[sample.userIndex] : undefined;
  const health = await measureEndpoint(details.httpApiUrl, '/health', {
    connections: options.concurrency,
    seconds: options.httpSeconds,
  });
  const getOrder = await measureEndpoint(
    details.httpApiUrl,
    `/orders/${sample?.orderId ?? 'none'}`,
    {
      connections: options.concurrency,
      seconds: options.httpSeconds,
      ...(sampleUser ? { token: sampleUser.token } : {}),
    },
  );

  const floorOrders = options.floorOrders ?? results.length;
  say(`Floor: ${floorOrders} orders' DynamoDB calls replayed directly, then the what-if…`);
  const template = floorTemplate(probed.calls, probed.plan);
  /** One replay of the DynamoDB calls, with the CPU the machine's processes spent meanwhile. */
  const replay = async (label: string, calls: typeof template) => {
    const progress = bar(label, floorOrders);
    const cpuBefore = cpuSnapshot(details.pids ?? []);
    const startedAt = performance.now();
    const result = await runFloor({
      client: dynamo,
      template: calls,
      shop,
      concurrency: options.concurrency,
      itemsPerOrder: options.itemsPerOrder,
      orders: floorOrders,
      onOrderEnded: () => progress.increment(),
    });
    progress.stop();
    const seconds = (performance.now() - startedAt) / 1000;
    return {
      result,
      cpu: cpuBetween(cpuBefore, cpuSnapshot(details.pids ?? []), seconds, cpus().length),
    };
  };
  const { result: floor, cpu: floorCpu } = await replay('floor', template);
  const { result: whatIf, cpu: whatIfCpu } = await replay('what-if', withBatchGets(template));
  const whatIfUnits = await requestUnitsOf(
    probed.calls.map((call) =>
      call.command === 'TransactGetCommand'
        ? { ...call, command: 'BatchGetCommand', input: asBatchGet(call.input) }
        : call,
    ),
    { low: dynamoLow, document: dynamo },
  );

  // The cold starts want a quiet machine: a stack this run started is no longer needed.
  if (stack.mode === 'started') {
    say('Stopping the stack…');
    await stack.stop();
  }
  say(
    `Cold starts: ${pkg.functions.length} functions × ${options.coldStartRuns} runs × 2 variants…`,
  );
  const bundleBar = bar('cold start', pkg.functions.length);
  const bundles = await measureBundles(pkg, options.coldStartRuns, () => bundleBar.increment());
  bundleBar.stop();

  const memoryOf = new Map(pkg.functions.map((fn) => [fn.fn, fn.memoryMb]));
  const cost = estimateCost({
    billedTransitionsPerOrder: saga.billedTransitionsPerExecution,
    sagaLambdaInvocationsPerOrder: saga.lambdaInvocationsPerExecution,
    probeInvocations: typical,
    memoryMbOf: (fn) => memoryOf.get(fn) ?? 1024,
    readUnitsPerOrder: units.readUnits,
    writeUnitsPerOrder: units.writeUnits,
    snsPublishesPerOrder: probed.publishes.length,
    probeExecutionMs,
    loadedExecutionMsP50: saga.executionMs.p50,
  });

  const durationSeconds = (run.endedAt - run.startedAt) / 1000;
  const postToTerminal = summarize(
    terminal.flatMap((result) => (result.terminalMs !== undefined ? [result.terminalMs] : [])),
  );
  const errors = results.filter((result) => result.error !== undefined);
  const report: BenchReport = {
    schemaVersion: 1,
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    command: `npm run bench -- ${process.argv.slice(2).join(' ')}`.trim(),
    machine: {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? 'unknown',
      totalMemoryMb: Math.round(totalmem() / 1048576),
      node: process.version,
      platform: `${process.platform} ${process.arch}`,
      loadAverage: {
        atStart: loadAtStart,
        beforeLoad: loadBefore,
        afterLoad: loadAfter,
        atEnd: loadavg(),
      },
    },
    stack: {
      mode: stack.mode,
      ...(stack.readySeconds !== undefined ? { readySeconds: stack.readySeconds } : {}),
      httpApiUrl: details.httpApiUrl,
      stepFunctionsUrl: details.stepFunctionsUrl,
      dynamodbUrl: details.dynamodbUrl,
      ...(stack.logFile !== undefined ? { logFile: stack.logFile } : {}),
    },
    settings: options,
    orders: {
      warmup: options.warmup,
      measured: results.length,
      ended: terminal.length,
      errors: errors.length,
      errorSamples: errors.slice(0, 5).map((result) => result.error ?? ''),
      statusCounts: countBy(terminal, (result) => result.status ?? '?'),
      cancellationReasons: countBy(
        terminal.filter((result) => result.cancellationReason !== undefined),
        (result) => result.cancellationReason ?? '?',
      ),
      durationSeconds: round(durationSeconds),
      ordersPerSecond: round(terminal.length / durationSeconds),
      latencyMs: {
        postToTerminal,
        postToTerminalObserved: summarize(
          terminal.flatMap((result) =>
            result.observedMs !== undefined ? [result.observedMs] : [],
          ),
        ),
        postOrders: summarize(
          results.flatMap((result) => (result.postMs !== undefined ? [result.postMs] : [])),
        ),
      },
      pollsPerOrder: round(mean(results.map((result) => result.polls))),
      pollFailures: results.reduce((sum, result) => sum + result.pollFailures, 0),
      unavailable: results.reduce((sum, result) => sum + result.unavailable, 0),
      misanswered: results.reduce((sum, result) => sum + result.misanswered, 0),
      createdNotEnded: results.filter(
        (result) => result.orderId !== undefined && result.status === undefined,
      ).length,
    },
    saga,
    interpreter,
    stackSide,
    http: { health, getOrder },
    perOrder: {
      method: `Orders run in the bench process through the bundled handlers (one to warm up, then ${PROBE_ORDERS} measured; durations are their medians, calls and units the last one's): POST /orders, the Lambdas it invokes, the saga on a private copy of the embedded Step Functions endpoint (the real ASL), the SNS subscribers of what it publishes. Every AWS SDK call is recorded; DynamoDB calls go to the stack's DynamoDB Local; units by DynamoDB's rules on the stored item sizes (bench/request-units.ts).`,
      probeOrderId: probed.orderId,
      path: probed.path.visits.map((visit) => visit.name).join('>'),
      lambdaInvocations: typical,
      snsPublishes: probed.publishes,
      awsCalls: countBy(probed.calls, (call) => `${call.service}.${call.command}`),
      dynamodb: units,
    },
    floor: {
      ...floor,
      cpu: floorCpu,
      method:
        "The probe order's DynamoDB calls, ids swapped per order, replayed with the document client against the same DynamoDB Local by the same number of workers; a call that loses to a concurrent transaction is repeated, as the shop's repositories do.",
      ratio: {
        throughput: round(terminal.length / durationSeconds / floor.ordersPerSecond),
        p50Latency: round(postToTerminal.p50 / floor.orderLatencyMs.p50),
      },
      whatIf: {
        change:
          'Every TransactGetItems read as one strongly consistent BatchGetItem of the same keys (no longer one instant)',
        ordersPerSecond: whatIf.ordersPerSecond,
        orderLatencyMs: whatIf.orderLatencyMs,
        errors: whatIf.errors,
        readUnitsPerOrder: whatIfUnits.readUnits,
        cpu: whatIfCpu,
      },
    },
    bundles,
    cost,
  };

  const out = resolve(
    ROOT,
    options.out ?? `bench/results/${startedAt.toISOString().replace(/[:.]/g, '-')}.json`,
  );
  await mkdir(dirname(out), { recursive: true });
  await writeFile(out, `${JSON.stringify(report, null, 2)}\n`);
  console.log(formatReport(report));
  console.log(`\nReport written to ${out}`);
  for (const client of [dynamoLow, sfn]) client.destroy();
}

main()
  .then(async () => {
    await cleanUp();
    // The in-process handlers' SDK clients keep sockets open: end the process explicitly.
    process.exit(0);
  })
  .catch(async (error: unknown) => {
    console.error(
      'The bench failed:',
      error instanceof Error ? (error.stack ?? error.message) : error,
    );
    await cleanUp();
    process.exit(1);
  });
