import type { Context } from 'aws-lambda';
import { loadBundledHandlers } from './handler-bundles';
import { lambdaContext } from './lambda-context';
import type { ResolvedServerlessConfig } from './serverless-config';
import type { ExecutionStatusChange } from './step-functions/types';

type LambdaHandler = (event: unknown, context: Context) => Promise<unknown>;

interface StatusRule {
  functionKey: string;
  statuses: string[];
  stateMachineArns: string[];
  handler: LambdaHandler;
  context: () => Context;
}

const DETAIL_TYPE = 'Step Functions Execution Status Change';

/**
 * The EventBridge rules of serverless.yml on Step Functions' "Execution Status Change" events
 * (`eventBridge: pattern: {source: [aws.states], …}`), run locally: the local Step Functions
 * endpoint reports each change here, and a rule whose pattern lists that status (and state
 * machine, when it names one) calls its function's bundled handler in this process, with the
 * event AWS would deliver. Like EventBridge, a failed delivery is retried (three times here).
 */
export async function loadExecutionStatusRules(
  config: ResolvedServerlessConfig,
  buildDir: string,
): Promise<(change: ExecutionStatusChange) => void> {
  const found = Object.entries(config.functions).flatMap(([functionKey, fn]) =>
    (fn.events ?? []).flatMap((event) => {
      const pattern = (event.eventBridge as { pattern?: Record<string, unknown> } | undefined)
        ?.pattern;
      const source = pattern?.source as string[] | undefined;
      if (!pattern || !source?.includes('aws.states')) return [];
      const detail = (pattern.detail ?? {}) as { status?: string[]; stateMachineArn?: string[] };
      return [
        { functionKey, fn, statuses: detail.status ?? [], arns: detail.stateMachineArn ?? [] },
      ];
    }),
  );
  const handlers = await loadBundledHandlers(
    config,
    buildDir,
    found.map((rule) => rule.functionKey),
  );
  const rules: StatusRule[] = found.map(({ functionKey, fn, statuses, arns }) => ({
    functionKey,
    statuses,
    stateMachineArns: arns,
    handler: handlers[functionKey] as LambdaHandler,
    context: () =>
      lambdaContext({
        functionName: fn.name,
        functionArn: `arn:aws:lambda:${config.provider.region}:${config.custom.local.accountId}:function:${fn.name}`,
        timeoutSeconds: fn.timeout ?? config.provider.timeout ?? 6,
        runner: 'local',
      }),
  }));

  return (change) => {
    const event = {
      version: '0',
      id: crypto.randomUUID(),
      'detail-type': DETAIL_TYPE,
      source: 'aws.states',
      account: config.custom.local.accountId,
      time: new Date().toISOString(),
      region: config.provider.region,
      resources: [change.executionArn],
      detail: change,
    };
    for (const rule of rules) {
      if (rule.statuses.length > 0 && !rule.statuses.includes(change.status)) continue;
      if (
        rule.stateMachineArns.length > 0 &&
        !rule.stateMachineArns.includes(change.stateMachineArn)
      )
        continue;
      void deliver(rule, event, 3);
    }
  };
}

async function deliver(rule: StatusRule, event: unknown, attempts: number): Promise<void> {
  for (let attempt = 1; attempt <= attempts; attempt += 1) {
    try {
      await rule.handler(event, rule.context());
      return;
    } catch (error) {
      if (attempt === attempts) {
        console.error(`[event rules] ${rule.functionKey} failed ${attempts} times`, error);
      } else {
        await new Promise((resolveDelay) => setTimeout(resolveDelay, 1000 * attempt));
      }
    }
  }
}
