import type { BundleFigures } from './bundles';
import type { ProcessCpu } from './cpu-usage';
import type { CostEstimate, CostLine } from './cost';
import type { FloorFigures } from './floor';
import type { HttpPhaseFigures } from './http-phase';
import { formatInterpreterSpeed, type InterpreterSpeed } from './interpreter-speed';
import type { BenchOptions } from './options';
import type { Publish, TypicalInvocation } from './probe';
import type { RequestUnits } from './request-units';
import type { SagaFigures } from './saga-histories';
import { mean, type Summary } from './stats';

/** The JSON the bench writes to bench/results/<timestamp>.json; also what it prints. */
export interface BenchReport {
  schemaVersion: 1;
  startedAt: string;
  finishedAt: string;
  command: string;
  machine: {
    cpus: number;
    cpuModel: string;
    totalMemoryMb: number;
    node: string;
    platform: string;
    /** os.loadavg() (1, 5, 15 min) at these moments: other work on the machine shows here. */
    loadAverage: Record<'atStart' | 'beforeLoad' | 'afterLoad' | 'atEnd', number[]>;
  };
  stack: {
    mode: 'started' | 'external';
    httpApiUrl: string;
    stepFunctionsUrl: string;
    dynamodbUrl: string;
    logFile?: string;
    /** "Shop ready in …s" of a stack this run started (npm start's own figure). */
    readySeconds?: number;
  };
  settings: BenchOptions;
  orders: {
    warmup: number;
    measured: number;
    /** Orders that reached CONFIRMED, CANCELLED or COMPENSATION_FAILED. */
    ended: number;
    errors: number;
    errorSamples: string[];
    statusCounts: Record<string, number>;
    cancellationReasons: Record<string, number>;
    durationSeconds: number;
    ordersPerSecond: number;
    latencyMs: {
      /** POST /orders sent -> the order's terminal status written (its updatedAt). */
      postToTerminal: Summary;
      /** POST /orders sent -> the poll that saw it ended (adds up to one poll interval). */
      postToTerminalObserved: Summary;
      /** POST /orders itself, sent -> answered. */
      postOrders: Summary;
    };
    pollsPerOrder: number;
    /** Polls that got no answer in time and were asked again (not errors by themselves). */
    pollFailures: number;
    /** 503 UNAVAILABLE answers to POST /orders (each replayed with its Idempotency-Key). */
    unavailable: number;
    /** POST /orders answers the contract does not allow (bench/load.ts `misanswered`). */
    misanswered: number;
    /** Orders the shop created (an id answered) that did not reach a terminal status. */
    createdNotEnded: number;
  };
  saga: SagaFigures;
  /** Our ASL interpreter alone, per state transition (bench/interpreter-speed.ts). */
  interpreter: InterpreterSpeed;
  /** Inside the stack during the measured load. */
  stackSide: {
    method: string;
    wallSeconds: number;
    cpu: ProcessCpu[];
    /** Per function, from serverless-offline's log; null for a stack the bench did not start. */
    lambdaDurationsMs: Record<string, Summary> | null;
  };
  http: { health: HttpPhaseFigures; getOrder: HttpPhaseFigures };
  perOrder: {
    method: string;
    probeOrderId: string;
    path: string;
    /**
     * Each function the order ran, warm and alone (medians over the probe orders): its time
     * waiting on AWS calls vs its own; awsCallsMs sums its calls' durations by call.
     */
    lambdaInvocations: TypicalInvocation[];
    snsPublishes: Publish[];
    awsCalls: Record<string, number>;
    dynamodb: RequestUnits;
  };
  floor: FloorFigures & {
    method: string;
    /** Where the CPU went while the floor ran (DynamoDB Local should be most of it). */
    cpu: ProcessCpu[];
    /** The shop's figure over the floor's: orders/s (≤ 1) and median order latency (≥ 1). */
    ratio: { throughput: number; p50Latency: number };
    /** The floor again with one change to the calls: what that change alone would buy. */
    whatIf: {
      change: string;
      ordersPerSecond: number;
      orderLatencyMs: Summary;
      errors: number;
      readUnitsPerOrder: number;
      cpu: ProcessCpu[];
    };
  };
  bundles: BundleFigures;
  cost: CostEstimate;
}

const pad = (value: string | number, width: number): string => String(value).padStart(width);
const ms = (value: number): string => (Number.isFinite(value) ? value.toFixed(1) : '-');
const summaryLine = (summary: Summary): string =>
  `p50 ${ms(summary.p50)}  p95 ${ms(summary.p95)}  p99 ${ms(summary.p99)}  mean ${ms(summary.mean)}  max ${ms(summary.max)} ms`;
const usd = (value: number): string => `$${value.toFixed(2)}`;
const kb = (bytes: number): string => `${(bytes / 1024).toFixed(0)} KiB`;

const costTable = (lines: CostLine[]): string[] =>
  lines.map(
    (entry) =>
      `    ${entry.item.padEnd(38)} ${pad(entry.perOrder, 10)} ${entry.unit.padEnd(12)} ${pad(usd(entry.usdPerMillionOrders), 10)}`,
  );

export interface Goal {
  figure: string;
  value: string;
  goal: string;
  met: boolean | undefined;
}

const ZIP_GOAL_BYTES = 250_000;

/** Issue 16's table: each figure of this run against its goal (undefined: not measured). */
export function goalsOf(report: BenchReport): Goal[] {
  const measured = report.bundles.functions.filter((fn) => fn.error === undefined);
  const byZip = [...measured].sort((a, b) => b.zipBytes - a.zipBytes);
  const byImport = [...measured].sort((a, b) => b.importMs - a.importMs);
  const health = measured.find((fn) => fn.fn === 'getHealth');
  const meanImport = mean(measured.map((fn) => fn.importMs));
  const importRatio = health ? meanImport / health.importMs : Number.NaN;
  const { orders, floor } = report;
  const ready = report.stack.readySeconds;
  return [
    {
      figure: `largest zip (${byZip[0]?.fn ?? '-'})`,
      value: byZip[0] ? kb(byZip[0].zipBytes) : '-',
      goal: '<= 250 KB each',
      met: byZip[0] ? byZip[0].zipBytes <= ZIP_GOAL_BYTES : undefined,
    },
    {
      figure: `handler import, mean / getHealth's (slowest ${byImport[0]?.fn ?? '-'} ${ms(byImport[0]?.importMs ?? Number.NaN)} ms)`,
      value: `${ms(meanImport)} / ${ms(health?.importMs ?? Number.NaN)} ms = ${importRatio.toFixed(1)}x`,
      goal: '<= 3x',
      met: Number.isFinite(importRatio) ? importRatio <= 3 : undefined,
    },
    {
      figure: `orders/s at concurrency ${report.settings.concurrency}, share of the floor`,
      value: `${orders.ordersPerSecond.toFixed(1)} / ${floor.ordersPerSecond.toFixed(1)} = ${floor.ratio.throughput.toFixed(2)}`,
      goal: '>= 0.70',
      met: floor.ratio.throughput >= 0.7,
    },
    {
      figure: "POST -> terminal p50 over the floor's p50",
      value: `${floor.ratio.p50Latency.toFixed(2)}x`,
      goal: '<= 1.5x',
      met: floor.ratio.p50Latency <= 1.5,
    },
    {
      figure: 'stack start until ready (npm start)',
      value: ready !== undefined ? `${ready.toFixed(1)} s` : 'not started by this run',
      goal: '<= 10 s (idle machine)',
      met: ready !== undefined ? ready <= 10 : undefined,
    },
    {
      figure: 'POST /orders mis-answered; created orders not ended',
      value: `${orders.misanswered}; ${orders.createdNotEnded} (503 UNAVAILABLE: ${orders.unavailable})`,
      goal: '0; 0',
      met: orders.misanswered === 0 && orders.createdNotEnded === 0,
    },
    {
      figure: '.ci/run on a fresh clone',
      value: 'not measured by the bench',
      goal: '<= 6 min',
      met: undefined,
    },
  ];
}

export function formatReport(report: BenchReport): string {
  const { orders, saga, floor, perOrder, bundles, cost, machine } = report;
  const lines: string[] = [];
  lines.push('', "Issue 16's figures (goal met: yes / NO / - not measured)");
  for (const goal of goalsOf(report)) {
    const verdict = goal.met === undefined ? '-' : goal.met ? 'yes' : 'NO';
    lines.push(
      `  ${goal.figure.padEnd(72)} ${goal.value.padEnd(28)} goal ${goal.goal.padEnd(22)} ${verdict}`,
    );
  }
  lines.push(
    '',
    `Orders (${orders.measured} measured after ${orders.warmup} warm-up, concurrency ${report.settings.concurrency})`,
  );
  lines.push(
    `  throughput       ${orders.ordersPerSecond.toFixed(2)} orders/s over ${orders.durationSeconds.toFixed(1)} s`,
    `  ended            ${orders.ended}/${orders.measured}  ${JSON.stringify(orders.statusCounts)}${Object.keys(orders.cancellationReasons).length > 0 ? ` reasons ${JSON.stringify(orders.cancellationReasons)}` : ''}`,
    `  errors           ${orders.errors}${orders.errorSamples.length > 0 ? `  e.g. ${orders.errorSamples[0] ?? ''}` : ''}`,
    `  POST -> terminal ${summaryLine(orders.latencyMs.postToTerminal)}`,
    `  (as polled)      ${summaryLine(orders.latencyMs.postToTerminalObserved)}`,
    `  POST /orders     ${summaryLine(orders.latencyMs.postOrders)}`,
    `  polls per order  ${orders.pollsPerOrder.toFixed(1)} (${orders.pollFailures} unanswered and asked again)`,
    `  POST answers     ${orders.unavailable} × 503 UNAVAILABLE (replayed with their Idempotency-Key), ${orders.misanswered} mis-answered, ${orders.createdNotEnded} created orders not ended`,
  );

  lines.push('', `Saga (execution histories of ${saga.executions} executions)`);
  lines.push(
    `  execution        ${summaryLine(saga.executionMs)}`,
    `  between states   ${summaryLine(saga.betweenStatesMs)}`,
    `  per transition   ${summaryLine(saga.overheadPerTransitionMs)}  (execution time outside the Lambdas / transitions)`,
    `  transitions ${saga.billedTransitionsPerExecution} and Lambda attempts ${saga.lambdaInvocationsPerExecution} per execution`,
    `    ${'state'.padEnd(24)} ${pad('count', 6)} ${pad('mean', 8)} ${pad('p50', 8)} ${pad('p95', 8)} ${pad('lambda', 8)} ms`,
    ...Object.entries(saga.states).map(
      ([name, figures]) =>
        `    ${name.padEnd(24)} ${pad(figures.count, 6)} ${pad(ms(figures.meanMs), 8)} ${pad(ms(figures.p50Ms), 8)} ${pad(ms(figures.p95Ms), 8)} ${pad(ms(figures.lambdaMeanMs), 8)}`,
    ),
  );

  lines.push('', ...formatInterpreterSpeed(report.interpreter));

  lines.push('', `Inside the stack during the load (${report.stackSide.wallSeconds.toFixed(1)} s)`);
  for (const entry of report.stackSide.cpu) {
    lines.push(
      `  ${entry.name.padEnd(54)} ${pad(entry.cpuSeconds.toFixed(1), 6)} CPU s  ${pad((entry.shareOfMachine * 100).toFixed(0), 3)}% of the machine`,
    );
  }
  if (report.stackSide.lambdaDurationsMs) {
    lines.push('  serverless-offline invocations:');
    for (const [fn, summary] of Object.entries(report.stackSide.lambdaDurationsMs)) {
      lines.push(`    ${fn.padEnd(22)} ${pad(summary.count, 6)} × ${summaryLine(summary)}`);
    }
  }

  lines.push('', `HTTP layer alone (autocannon, ${report.settings.concurrency} connections)`);
  for (const phase of [report.http.health, report.http.getOrder]) {
    lines.push(
      `  GET ${phase.path.startsWith('/orders/') ? '/orders/{id}' : phase.path}`.padEnd(22) +
        ` ${phase.requestsPerSecond.toFixed(0)} req/s  p50 ${phase.latencyMs.p50} ms  p99 ${phase.latencyMs.p99} ms  non-2xx ${phase.non2xx}  errors ${phase.errors}`,
    );
  }

  lines.push('', `One order's AWS work (in-process probe ${perOrder.probeOrderId})`);
  lines.push(
    `  path             ${perOrder.path}`,
    `  AWS calls        ${JSON.stringify(perOrder.awsCalls)}`,
    `  ${'function (warm, alone)'.padEnd(24)} ${pad('total', 7)} ${pad('on AWS', 7)} ${pad('own', 7)} ms  calls`,
    ...perOrder.lambdaInvocations.map(
      (invocation) =>
        `  ${(invocation.state ?? invocation.fn).padEnd(24)} ${pad(ms(invocation.durationMs), 7)} ${pad(ms(invocation.waitingOnAwsMs), 7)} ${pad(ms(invocation.ownMs), 7)}     ${Object.entries(
          invocation.awsCallsMs,
        )
          .map(([name, value]) => `${name} ${ms(value)}`)
          .join(', ')}`,
    ),
    `  SNS publishes    ${perOrder.snsPublishes.map((publish) => `${publish.eventType ?? '?'} -> ${publish.subscribers.join('+') || 'nobody'}`).join(', ') || 'none'}`,
    `  DynamoDB         ${perOrder.dynamodb.operations} calls ${JSON.stringify(perOrder.dynamodb.byCommand)}`,
    `                   ${perOrder.dynamodb.readUnits} RRU + ${perOrder.dynamodb.writeUnits} WRU (largest item ${perOrder.dynamodb.largestItemBytes} B; DynamoDB Local reported ${perOrder.dynamodb.localReportedUnits} units)`,
  );

  lines.push(
    '',
    `Floor: the same DynamoDB calls replayed directly, concurrency ${floor.concurrency}`,
  );
  lines.push(
    `  ${floor.ordersPerSecond.toFixed(1)} orders/s, order ${summaryLine(floor.orderLatencyMs)}`,
    `  call latency     ${summaryLine(floor.operationLatencyMs)}`,
    `  retries ${floor.retries}, errors ${floor.errors}`,
    `  CPU              ${floor.cpu
      .filter((entry) => entry.cpuSeconds > 0)
      .map(
        (entry) =>
          `${entry.name.split(' (')[0] ?? entry.name} ${(entry.shareOfMachine * 100).toFixed(0)}%`,
      )
      .join(', ')}`,
    `  shop / floor     throughput ${floor.ratio.throughput.toFixed(3)}, p50 latency ${floor.ratio.p50Latency.toFixed(1)}x`,
    `  what-if: ${floor.whatIf.change}`,
    `    ${floor.whatIf.ordersPerSecond.toFixed(1)} orders/s, order p50 ${ms(floor.whatIf.orderLatencyMs.p50)} ms, ${floor.whatIf.readUnitsPerOrder} RRU per order, errors ${floor.whatIf.errors}`,
  );

  const measured = bundles.functions.filter((fn) => fn.error === undefined);
  lines.push(
    '',
    `Bundles (${bundles.stage}, ${bundles.functions.length} functions, Node ${bundles.node})`,
  );
  lines.push(
    `    ${'function'.padEnd(24)} ${pad('zip', 9)} ${pad('js', 9)} ${pad('map', 9)} ${pad('import', 8)} ${pad('w/ maps', 8)} ms`,
    ...bundles.functions.map((fn) =>
      fn.error !== undefined
        ? `    ${fn.fn.padEnd(24)} error: ${fn.error}`
        : `    ${fn.fn.padEnd(24)} ${pad(kb(fn.zipBytes), 9)} ${pad(kb(fn.jsBytes), 9)} ${pad(kb(fn.sourceMapBytes), 9)} ${pad(ms(fn.importMs), 8)} ${pad(ms(fn.importMsWithSourceMaps), 8)}`,
    ),
  );
  if (measured.length > 0) {
    const sum = (pick: (fn: (typeof measured)[number]) => number) =>
      measured.reduce((total, fn) => total + pick(fn), 0) / measured.length;
    lines.push(
      `    ${'mean'.padEnd(24)} ${pad(kb(sum((fn) => fn.zipBytes)), 9)} ${pad(kb(sum((fn) => fn.jsBytes)), 9)} ${pad(kb(sum((fn) => fn.sourceMapBytes)), 9)} ${pad(ms(sum((fn) => fn.importMs)), 8)} ${pad(ms(sum((fn) => fn.importMsWithSourceMaps)), 8)}`,
    );
  }

  lines.push(
    '',
    `Cost per million orders on AWS (${cost.region}, prices as of ${cost.pricesAsOf})`,
  );
  lines.push(
    `  Standard workflow: ${usd(cost.standard.usdPerMillionOrders)}`,
    ...costTable(cost.standard.lines),
  );
  lines.push(
    `  Express workflow:  ${usd(cost.express.usdPerMillionOrders)}`,
    ...costTable(cost.express.lines),
  );

  lines.push(
    '',
    `Machine: ${machine.cpus} × ${machine.cpuModel}, load average ${machine.loadAverage.beforeLoad.map((value) => value.toFixed(2)).join(' ')} before the load, ${machine.loadAverage.afterLoad.map((value) => value.toFixed(2)).join(' ')} after`,
  );
  return lines.join('\n');
}
