import {
  AWS_PRICES,
  AWS_PRICES_AS_OF,
  AWS_PRICES_REGION,
  SFN_EXPRESS_BILLING_STEP_MS,
  SFN_EXPRESS_MEMORY_GB,
} from './aws-prices';
import type { Invocation } from './probe';
import { mean, round } from './stats';

/**
 * What a million orders would cost on AWS, from what one order was measured to use. Only the
 * Step Functions line differs between the two workflow types; everything else is the same work.
 */

export interface CostLine {
  item: string;
  perOrder: number;
  unit: string;
  unitPriceUsd: number;
  usdPerMillionOrders: number;
  basis: string;
}

export interface CostEstimate {
  pricesAsOf: string;
  region: string;
  standard: { lines: CostLine[]; usdPerMillionOrders: number };
  express: { lines: CostLine[]; usdPerMillionOrders: number };
  assumptions: string[];
}

export interface CostInputs {
  /** Mean over the measured run's executions. */
  billedTransitionsPerOrder: number;
  sagaLambdaInvocationsPerOrder: number;
  /** The probe's measured order: every function it ran and for how long. */
  probeInvocations: Pick<Invocation, 'fn' | 'state' | 'durationMs'>[];
  memoryMbOf: (fn: string) => number;
  readUnitsPerOrder: number;
  writeUnitsPerOrder: number;
  snsPublishesPerOrder: number;
  /** The probe orders' saga, start to end, in-process, alone (median). */
  probeExecutionMs: number;
  /** The measured run's median saga, under the bench's load. */
  loadedExecutionMsP50: number;
}

const line = (
  item: string,
  perOrder: number,
  unit: string,
  unitPriceUsd: number,
  basis: string,
): CostLine => ({
  item,
  perOrder: round(perOrder, 6),
  unit,
  unitPriceUsd,
  usdPerMillionOrders: round(perOrder * unitPriceUsd * 1_000_000, 2),
  basis,
});

const gbSeconds = (invocation: Pick<Invocation, 'durationMs'>, memoryMb: number): number =>
  (Math.ceil(invocation.durationMs) / 1000) * (memoryMb / 1024);

const total = (lines: CostLine[]): number =>
  round(
    lines.reduce((sum, entry) => sum + entry.usdPerMillionOrders, 0),
    2,
  );

export function estimateCost(inputs: CostInputs): CostEstimate {
  const outsideSaga = inputs.probeInvocations.filter(
    (invocation) => invocation.state === undefined,
  );
  const inSaga = inputs.probeInvocations.filter((invocation) => invocation.state !== undefined);
  const sagaGbSecondsEach = mean(
    inSaga.map((invocation) => gbSeconds(invocation, inputs.memoryMbOf(invocation.fn))),
  );
  const lambdaRequests = outsideSaga.length + inputs.sagaLambdaInvocationsPerOrder;
  const lambdaGbSeconds =
    outsideSaga.reduce(
      (sum, invocation) => sum + gbSeconds(invocation, inputs.memoryMbOf(invocation.fn)),
      0,
    ) +
    inputs.sagaLambdaInvocationsPerOrder *
      (Number.isFinite(sagaGbSecondsEach) ? sagaGbSecondsEach : 0);
  const outsideNames = [...new Set(outsideSaga.map((invocation) => invocation.fn))].join(', ');

  const common: CostLine[] = [
    line(
      'Lambda requests',
      lambdaRequests,
      'invocations',
      AWS_PRICES.lambdaPerRequest,
      `${outsideSaga.length} outside the saga (${outsideNames}) + ${inputs.sagaLambdaInvocationsPerOrder} saga task attempts (run's histories)`,
    ),
    line(
      'Lambda duration (arm64)',
      lambdaGbSeconds,
      'GB-s',
      AWS_PRICES.lambdaArmPerGbSecond,
      'probe orders: each invocation in-process (median), rounded up to 1 ms, at its configured memory',
    ),
    line(
      'DynamoDB writes (on-demand)',
      inputs.writeUnitsPerOrder,
      'WRU',
      AWS_PRICES.dynamodbPerWriteRequestUnit,
      "probe order's calls, DynamoDB's unit rules, item sizes as stored",
    ),
    line(
      'DynamoDB reads (on-demand)',
      inputs.readUnitsPerOrder,
      'RRU',
      AWS_PRICES.dynamodbPerReadRequestUnit,
      "probe order's calls, DynamoDB's unit rules, item sizes as stored",
    ),
    line(
      'SNS publishes',
      inputs.snsPublishesPerOrder,
      'publishes',
      AWS_PRICES.snsPerPublish,
      'probe order (deliveries to Lambda are free)',
    ),
    line(
      'HTTP API requests',
      1,
      'requests',
      AWS_PRICES.httpApiPerRequest,
      'POST /orders only; status polling is left out (it depends on the client)',
    ),
  ];

  const billedExpressMs =
    Math.max(1, Math.ceil(inputs.probeExecutionMs / SFN_EXPRESS_BILLING_STEP_MS)) *
    SFN_EXPRESS_BILLING_STEP_MS;
  const standardLines = [
    line(
      'Step Functions Standard transitions',
      inputs.billedTransitionsPerOrder,
      'transitions',
      AWS_PRICES.sfnStandardPerTransition,
      "states entered + retries, mean of the run's execution histories",
    ),
    ...common,
  ];
  const expressLines = [
    line(
      'Step Functions Express requests',
      1,
      'executions',
      AWS_PRICES.sfnExpressPerRequest,
      'one execution per order',
    ),
    line(
      'Step Functions Express duration',
      (billedExpressMs / 1000) * SFN_EXPRESS_MEMORY_GB,
      'GB-s',
      AWS_PRICES.sfnExpressPerGbSecond,
      `probe saga ${round(inputs.probeExecutionMs, 1)} ms billed as ${billedExpressMs} ms × 64 MB`,
    ),
    ...common,
  ];
  const loadedBilledMs =
    Math.max(1, Math.ceil(inputs.loadedExecutionMsP50 / SFN_EXPRESS_BILLING_STEP_MS)) *
    SFN_EXPRESS_BILLING_STEP_MS;

  return {
    pricesAsOf: AWS_PRICES_AS_OF,
    region: AWS_PRICES_REGION,
    standard: { lines: standardLines, usdPerMillionOrders: total(standardLines) },
    express: { lines: expressLines, usdPerMillionOrders: total(expressLines) },
    assumptions: [
      'List prices of bench/aws-prices.ts; free tiers, Savings Plans and volume tiers ignored.',
      'Lambda durations are a proxy: warm in-process runs of the real handlers on this machine against DynamoDB Local (sub-millisecond); on AWS each DynamoDB call is a network round trip of a few ms, so real billed durations are longer. Cold starts (INIT, billed too) are not included.',
      `Express duration at the run's median saga under load (${round(inputs.loadedExecutionMsP50, 1)} ms) would bill ${loadedBilledMs} ms: ${round((loadedBilledMs / 1000) * SFN_EXPRESS_MEMORY_GB * AWS_PRICES.sfnExpressPerGbSecond * 1_000_000, 2)} USD per million orders instead.`,
      'Express workflows run at least once (Standard: exactly once), keep no execution history (GET /orders/{id}/saga reads it) and log to CloudWatch Logs instead, which is billed separately.',
      'Not included: CloudWatch Logs ingestion of the INFO logs, X-Ray traces (tracing is on), data transfer, storage, the status polls of GET /orders/{id}.',
      'DynamoDB units are those of an order that met no contention; optimistic retries under contention add reads and writes.',
    ],
  };
}
