import type { Context } from 'aws-lambda';
import { loadBundledHandlers } from './handler-bundles';
import { lambdaContext } from './lambda-context';
import type { ResolvedFunction, ResolvedServerlessConfig } from './serverless-config';
import type { LocalStateMachine } from './step-functions/server';

type LambdaHandler = (event: unknown, context: Context) => Promise<unknown>;
type AslObject = Record<string, unknown>;

/**
 * Turns each state machine of serverless.yml into one the local endpoint can run: every Task whose
 * Resource is `Fn::GetAtt [<function>, Arn]` calls that function's bundled handler in this process, so a
 * named error (PaymentDeclined…) reaches Retry and Catch exactly as Lambda reports it on AWS.
 */
export async function buildLocalStateMachines(
  config: ResolvedServerlessConfig,
  buildDir: string,
): Promise<LocalStateMachine[]> {
  return Promise.all(
    Object.values(config.stepFunctions.stateMachines).map(async (machine) => {
      const definition = structuredClone(machine.definition);
      const tasks = [...tasksOf(definition)].map(([stateName, state]) => ({
        stateName,
        state,
        functionKey: functionReferencedBy(state.Resource, stateName),
      }));
      const handlers = await loadBundledHandlers(config, buildDir, [
        ...new Set(tasks.map((task) => task.functionKey)),
      ]);
      const taskHandlers: LocalStateMachine['taskHandlers'] = {};
      for (const { stateName, state, functionKey } of tasks) {
        const fn = config.functions[functionKey];
        const handler = handlers[functionKey];
        if (!fn || typeof handler !== 'function') {
          throw new Error(
            `State ${stateName} names function "${functionKey}", which has no handler`,
          );
        }
        state.Resource = lambdaArn(config, fn);
        taskHandlers[stateName] = (input) =>
          (handler as LambdaHandler)(
            input,
            lambdaContext({
              functionName: fn.name,
              functionArn: lambdaArn(config, fn),
              timeoutSeconds: fn.timeout ?? config.provider.timeout ?? 6,
              runner: 'local',
            }),
          );
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
  if (Array.isArray(getAtt) && typeof getAtt[0] === 'string' && getAtt[1] === 'Arn')
    return getAtt[0];
  throw new Error(
    `State ${stateName}: the local stack runs Tasks whose Resource is Fn::GetAtt [<function>, Arn]; got ${JSON.stringify(resource)}`,
  );
}

const lambdaArn = (config: ResolvedServerlessConfig, fn: ResolvedFunction): string =>
  `arn:aws:lambda:${config.provider.region}:${config.custom.local.accountId}:function:${fn.name}`;

// Lambda's default timeout is 6 s when neither the function nor the provider sets one.
