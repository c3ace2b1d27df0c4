import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Context } from 'aws-lambda';
import type { ResolvedFunction, ResolvedServerlessConfig } from './serverless-config';
import { PROJECT_ROOT } from './settings';
import type { LocalStateMachine } from './step-functions/server';

type LambdaHandler = (event: unknown, context: Context) => Promise<unknown>;
type AslObject = Record<string, unknown>;

/**
 * Turns each state machine of serverless.yml into one the local endpoint can run: every Task whose
 * Resource is `Fn::GetAtt [<function>, Arn]` calls that function's handler in this process, so a
 * named error (PaymentDeclined…) reaches Retry and Catch exactly as Lambda reports it on AWS.
 */
export async function buildLocalStateMachines(
  config: ResolvedServerlessConfig,
): Promise<LocalStateMachine[]> {
  return Promise.all(
    Object.values(config.stepFunctions.stateMachines).map(async (machine) => {
      const definition = structuredClone(machine.definition);
      const taskHandlers: LocalStateMachine['taskHandlers'] = {};
      for (const [stateName, state] of tasksOf(definition)) {
        const functionKey = functionReferencedBy(state.Resource, stateName);
        const fn = config.functions[functionKey];
        if (!fn) throw new Error(`State ${stateName} names function "${functionKey}", which serverless.yml lacks`);
        state.Resource = lambdaArn(config, fn);
        taskHandlers[stateName] = await inProcessInvoker(fn, config);
      }
      return { name: machine.name, definition, taskHandlers };
    }),
  );
}

function* tasksOf(definition: AslObject): Generator<[string, AslObject & { Resource: unknown }]> {
  const states = (definition.States ?? {}) as Record<string, AslObject>;
  for (const [name, state] of Object.entries(states)) {
    if (state.Type === 'Task') yield [name, state as AslObject & { Resource: unknown }];
    for (const branch of (state.Branches ?? []) as AslObject[]) yield* tasksOf(branch);
    const processor = (state.ItemProcessor ?? state.Iterator) as AslObject | undefined;
    if (processor) yield* tasksOf(processor);
  }
}

function functionReferencedBy(resource: unknown, stateName: string): string {
  const getAtt = (resource as { 'Fn::GetAtt'?: unknown } | null)?.['Fn::GetAtt'];
  if (Array.isArray(getAtt) && typeof getAtt[0] === 'string' && getAtt[1] === 'Arn') return getAtt[0];
  throw new Error(
    `State ${stateName}: the local stack runs Tasks whose Resource is Fn::GetAtt [<function>, Arn]; got ${JSON.stringify(resource)}`,
  );
}

const lambdaArn = (config: ResolvedServerlessConfig, fn: ResolvedFunction): string =>
  `arn:aws:lambda:${config.provider.region}:${config.custom.local.accountId}:function:${fn.name}`;

async function inProcessInvoker(fn: ResolvedFunction, config: ResolvedServerlessConfig): Promise<(input: unknown) => Promise<unknown>> {
  const separator = fn.handler.lastIndexOf('.');
  const modulePath = resolve(PROJECT_ROOT, `${fn.handler.slice(0, separator)}.ts`);
  const exportName = fn.handler.slice(separator + 1);
  const loaded = (await import(pathToFileURL(modulePath).href)) as Record<string, unknown>;
  // A CommonJS module imported from ESM keeps its exports under `default` as well.
  const handler = (loaded[exportName] ??
    (loaded.default as Record<string, unknown> | undefined)?.[exportName]) as LambdaHandler | undefined;
  if (typeof handler !== 'function') throw new Error(`${fn.handler} exports no function "${exportName}"`);
  return (input) => handler(input, lambdaContext(fn, config));
}

// Lambda's default timeout is 6 s when neither the function nor the provider sets one.
function lambdaContext(fn: ResolvedFunction, config: ResolvedServerlessConfig): Context {
  const deadline = Date.now() + (fn.timeout ?? config.provider.timeout ?? 6) * 1000;
  const notSupported = (): never => {
    throw new Error('Callback-style completion is not supported: return a promise');
  };
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: fn.name,
    functionVersion: '$LATEST',
    invokedFunctionArn: lambdaArn(config, fn),
    memoryLimitInMB: '512',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${fn.name}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: notSupported,
    fail: notSupported,
    succeed: notSupported,
  };
}
