/**
 * EventBridge schedule rules, locally: every function with a `schedule` event in serverless.yml
 * (e.g. the stuck-order sweeper, functions/orders/functions.yml) is bundled like the saga's steps
 * and called in this process on its rule's rate, with the Scheduled Event EventBridge sends.
 *
 * Ours rather than a library's: serverless-offline ignores `schedule` events, and the plugins that
 * run them (serverless-offline-scheduler and its forks) are unmaintained, load handlers their own
 * way (not the bundles that deploy) and have no way to shorten a period for a test. What it does is
 * small: parse `rate(...)`, a timer per rule, one run at a time per rule (a tick that finds the
 * previous run still going is skipped, where EventBridge could overlap them: the handlers must be
 * idempotent either way). `cron(...)` rules are refused at start rather than silently never run.
 */
import { randomUUID } from 'node:crypto';
import * as z from 'zod';
import type { ScheduledEvent } from 'aws-lambda';
import { loadBundledHandlers } from './handler-bundles';
import { lambdaContext } from './lambda-context';
import type { ResolvedServerlessConfig } from './serverless-config';

export interface ScheduleRule {
  functionKey: string;
  /** The rule's expression as serverless.yml gives it, e.g. `rate(1 minute)`. */
  expression: string;
  periodMs: number;
}

const UNIT_MS: Record<string, number> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };

/** The period of an EventBridge `rate(<n> <unit>)` expression, in milliseconds. */
export function ratePeriodMs(expression: string): number {
  const match = /^rate\((\d+) (minute|hour|day)s?\)$/.exec(expression.trim());
  const [, count, unit] = match ?? [];
  if (!count || !unit || Number(count) === 0) {
    throw new Error(
      `The local stack runs schedules of the form rate(<n> minute|hour|day[s]); got "${expression}"`,
    );
  }
  // EventBridge: "1 minute" but "5 minutes".
  if ((Number(count) === 1) !== !expression.includes('s)')) {
    throw new Error(`EventBridge refuses "${expression}": 1 takes a singular unit, more a plural`);
  }
  return Number(count) * (UNIT_MS[unit] ?? NaN);
}

// serverless.yml's forms: `schedule: rate(...)`, or `schedule: {rate: rate(...) | [rate(...)], enabled}`.
const scheduleEventSchema = z.looseObject({
  schedule: z.union([
    z.string(),
    z.looseObject({
      rate: z.union([z.string(), z.array(z.string())]),
      enabled: z.boolean().default(true),
    }),
  ]),
});

/** Every enabled schedule rule of the resolved configuration. */
export function scheduleRulesOf(config: ResolvedServerlessConfig): ScheduleRule[] {
  return Object.entries(config.functions).flatMap(([functionKey, fn]) =>
    ((fn.events ?? []) as unknown[]).flatMap((event) => {
      const parsed = scheduleEventSchema.safeParse(event);
      if (!parsed.success) return [];
      const { schedule } = parsed.data;
      if (typeof schedule !== 'string' && !schedule.enabled) return [];
      const rates = typeof schedule === 'string' ? [schedule] : [schedule.rate].flat();
      return rates.map((expression) => ({
        functionKey,
        expression,
        periodMs: ratePeriodMs(expression),
      }));
    }),
  );
}

export interface SchedulerOptions {
  config: ResolvedServerlessConfig;
  buildDir: string;
  region: string;
  /** SHOP_SCHEDULE_PERIOD_SECONDS: every rule's period instead of its rate (tests shorten it). */
  periodSecondsOverride?: number;
  log: (message: string) => void;
}

type ScheduledLambda = (
  event: ScheduledEvent,
  context: ReturnType<typeof lambdaContext>,
) => Promise<unknown>;

export async function startScheduler(
  options: SchedulerOptions,
): Promise<{ rules: ScheduleRule[]; stop: () => Promise<void> }> {
  const { config } = options;
  const rules = scheduleRulesOf(config);
  const handlers = await loadBundledHandlers(config, options.buildDir, [
    ...new Set(rules.map((rule) => rule.functionKey)),
  ]);
  const account = config.custom.local.accountId;
  const running = new Set<Promise<void>>();
  const timers = rules.map((rule) => {
    const fn = config.functions[rule.functionKey];
    const handler = handlers[rule.functionKey];
    if (!fn || typeof handler !== 'function') {
      throw new Error(`The schedule rule's function "${rule.functionKey}" has no handler`);
    }
    const functionArn = `arn:aws:lambda:${options.region}:${account}:function:${fn.name}`;
    const ruleArn = `arn:aws:events:${options.region}:${account}:rule/${fn.name}-schedule`;
    let current: Promise<void> | undefined;
    const fire = () => {
      if (current) return;
      const event: ScheduledEvent = {
        version: '0',
        id: randomUUID(),
        'detail-type': 'Scheduled Event',
        source: 'aws.events',
        account,
        time: new Date().toISOString(),
        region: options.region,
        resources: [ruleArn],
        detail: {},
      };
      const run = (handler as ScheduledLambda)(
        event,
        lambdaContext({
          functionName: fn.name,
          functionArn,
          timeoutSeconds: fn.timeout ?? config.provider.timeout ?? 6,
          runner: 'local',
        }),
      )
        .then(() => undefined)
        .catch((error: unknown) => {
          // The handler has logged it; the next tick runs again, as EventBridge would.
          options.log(
            `${rule.functionKey} (${rule.expression}) failed: ${error instanceof Error ? error.message : String(error)}`,
          );
        })
        .finally(() => {
          current = undefined;
          running.delete(run);
        });
      current = run;
      running.add(run);
    };
    const periodMs =
      options.periodSecondsOverride !== undefined
        ? options.periodSecondsOverride * 1000
        : rule.periodMs;
    return setInterval(fire, periodMs);
  });
  return {
    rules,
    async stop() {
      for (const timer of timers) clearInterval(timer);
      await Promise.all(running);
    },
  };
}
