import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { APIGatewayProxyEventV2, Context, SNSEvent } from 'aws-lambda';
import { DescribeExecutionCommand, SFNClient } from '@aws-sdk/client-sfn';
import * as z from 'zod';
import { loadBundledHandlers } from '../embedded-stack/handler-bundles';
import { lambdaContext } from '../embedded-stack/lambda-context';
import { buildLocalStateMachines } from '../embedded-stack/saga-runner';
import type { ResolvedServerlessConfig } from '../embedded-stack/serverless-config';
import {
  startStepFunctionsServer,
  type StepFunctionsServer,
} from '../embedded-stack/step-functions/server';
import {
  callScope,
  installRecorder,
  type CallScope,
  type Interceptor,
  type RecordedCall,
} from './aws-call-recorder';
import type { OrderPlan } from './order-mix';
import { createSagaHistoryReader, executionArnOf } from '../functions/orders/saga-history';
import { pathOf, type ExecutionPath } from './saga-histories';
import type { BenchStack } from './stack';
import { median, round, sleep } from './stats';

/**
 * An order run in this process, through the shop's own handlers, to see every AWS call one order
 * makes: POST /orders' handler (bundled as the stack bundles it), the Lambdas it asks, the saga
 * on a private copy of the embedded Step Functions endpoint running the real ASL, and the SNS
 * subscribers of what the saga publishes. DynamoDB calls go to the stack's DynamoDB Local for
 * real; Lambda invokes and SNS publishes are answered here by the in-process handlers (that is
 * what lets their DynamoDB calls be seen too). Nothing in functions/ is changed or wrapped.
 */

export interface Invocation {
  fn: string;
  state?: string;
  /** performance.now() when it began. */
  startedAt: number;
  durationMs: number;
  ok: boolean;
}

export interface Publish {
  fn: string;
  eventType?: string;
  subscribers: string[];
}

export interface ProbeOrder {
  orderId: string;
  plan: OrderPlan;
  executionStatus: string;
  path: ExecutionPath;
  calls: RecordedCall[];
  invocations: Invocation[];
  publishes: Publish[];
}

export interface Probe {
  runOrder(plan: OrderPlan): Promise<ProbeOrder>;
  close(): Promise<void>;
}

type Handler = (event: unknown, context: Context) => Promise<unknown>;

const eventsSchema = z
  .array(
    z.looseObject({
      httpApi: z
        .union([z.string(), z.looseObject({ method: z.string(), path: z.string() })])
        .optional(),
      sns: z
        .looseObject({ filterPolicy: z.record(z.string(), z.array(z.unknown())).optional() })
        .optional(),
    }),
  )
  .optional();

const eventsOf = (config: ResolvedServerlessConfig, key: string) =>
  eventsSchema.parse(config.functions[key]?.events) ?? [];

const routeOf = (event: NonNullable<ReturnType<typeof eventsOf>>[number]): string | undefined =>
  typeof event.httpApi === 'string'
    ? event.httpApi
    : event.httpApi
      ? `${event.httpApi.method.toUpperCase()} ${event.httpApi.path}`
      : undefined;

const httpResultSchema = z.looseObject({ statusCode: z.number(), body: z.string().optional() });
const placedSchema = z.looseObject({ orderId: z.string() });

interface Subscription {
  fn: string;
  filterPolicy: Record<string, unknown[]>;
}

/** SNS filter policies as the shop uses them: every named attribute equal to one listed string. */
const matches = (
  policy: Record<string, unknown[]>,
  attributes: Record<string, { StringValue?: string }> | undefined,
): boolean =>
  Object.entries(policy).every(([name, allowed]) => {
    const value = attributes?.[name]?.StringValue;
    return value !== undefined && allowed.includes(value);
  });

/** Each Task state's function, from the Resource saga-runner.ts made of Fn::GetAtt [fn, Arn]. */
function taskFunctions(
  definition: Record<string, unknown>,
  keyOfName: (name: string) => string | undefined,
  into = new Map<string, string>(),
): Map<string, string> {
  const states = (definition.States ?? {}) as Record<string, Record<string, unknown>>;
  for (const [name, state] of Object.entries(states)) {
    if (state.Type === 'Task' && typeof state.Resource === 'string') {
      const key = keyOfName(state.Resource.slice(state.Resource.lastIndexOf(':') + 1));
      if (key) into.set(name, key);
    }
    for (const branch of (state.Branches ?? []) as Record<string, unknown>[]) {
      taskFunctions(branch, keyOfName, into);
    }
  }
  return into;
}

export async function createProbe(options: {
  config: ResolvedServerlessConfig;
  stack: BenchStack;
  /** Where the handlers are bundled for this process. */
  buildDir: string;
}): Promise<Probe> {
  const { config, stack } = options;
  // The handlers read their configuration at load, as on Lambda: the stack's own environment.
  Object.assign(process.env, stack.details.environment, {
    POWERTOOLS_LOG_LEVEL: 'WARN',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  });

  const keys = Object.keys(config.functions);
  const keyOfName = (name: string): string | undefined =>
    keys.find((key) => config.functions[key]?.name === name || key === name);
  const memoryOf = (key: string): number => {
    const memory = (config.functions[key] as { memorySize?: unknown } | undefined)?.memorySize;
    return typeof memory === 'number' ? memory : 512;
  };
  const placeOrderKey = keys.find((key) =>
    eventsOf(config, key).some((event) => routeOf(event) === 'POST /orders'),
  );
  if (!placeOrderKey) throw new Error('serverless.yml has no function for POST /orders');
  const subscriptions: Subscription[] = keys.flatMap((key) =>
    eventsOf(config, key).flatMap((event) =>
      event.sns ? [{ fn: key, filterPolicy: event.sns.filterPolicy ?? {} }] : [],
    ),
  );

  const invocations: Invocation[] = [];
  const publishes: Publish[] = [];
  const deliveries = new Set<Promise<unknown>>();
  const deliveryErrors: string[] = [];

  const invoke = async (scope: CallScope, run: () => Promise<unknown>): Promise<unknown> => {
    const invocation: Invocation = {
      fn: scope.fn,
      ...(scope.state !== undefined ? { state: scope.state } : {}),
      startedAt: performance.now(),
      durationMs: 0,
      ok: false,
    };
    invocations.push(invocation);
    const started = invocation.startedAt;
    try {
      const result = await callScope.run(scope, run);
      invocation.ok = true;
      return result;
    } finally {
      invocation.durationMs = performance.now() - started;
    }
  };

  // Handlers are bundled on first use (as the stack does), once each.
  const loaded = new Map<string, Promise<Handler>>();
  const handlerOf = (key: string): Promise<Handler> => {
    let handler = loaded.get(key);
    if (!handler) {
      handler = loadBundledHandlers(config, options.buildDir, [key]).then((handlers) => {
        const found = handlers[key];
        if (typeof found !== 'function') throw new Error(`Function ${key} has no handler`);
        return found as Handler;
      });
      loaded.set(key, handler);
    }
    return handler;
  };
  const callFunction = async (key: string, event: unknown): Promise<unknown> => {
    const handler = await handlerOf(key);
    return invoke({ fn: key }, () =>
      handler(
        event,
        lambdaContext({
          functionName: `shop-bench-${key}`,
          memoryMB: memoryOf(key),
          timeoutSeconds: 10,
          runner: 'bench',
        }),
      ),
    );
  };

  const intercept: Interceptor = (call, scope) => {
    if (call.service === 'Lambda' && call.command === 'InvokeCommand') {
      const key = keyOfName(String(call.input.FunctionName));
      if (!key) return undefined;
      return (async () => {
        const payload = call.input.Payload;
        const text =
          payload instanceof Uint8Array
            ? new TextDecoder().decode(payload)
            : typeof payload === 'string'
              ? payload
              : 'null';
        try {
          const answer = await callFunction(key, JSON.parse(text));
          return {
            StatusCode: 200,
            ExecutedVersion: '$LATEST',
            Payload: new TextEncoder().encode(JSON.stringify(answer ?? null)),
          };
        } catch (error) {
          // What Lambda answers for a handler that threw.
          const failure = error instanceof Error ? error : new Error(String(error));
          return {
            StatusCode: 200,
            FunctionError: 'Unhandled',
            Payload: new TextEncoder().encode(
              JSON.stringify({ errorType: failure.name, errorMessage: failure.message }),
            ),
          };
        }
      })();
    }
    if (call.service === 'SNS' && call.command === 'PublishCommand') {
      const attributes = call.input.MessageAttributes as
        Record<string, { DataType?: string; StringValue?: string }> | undefined;
      const subscribers = subscriptions.filter((subscription) =>
        matches(subscription.filterPolicy, attributes),
      );
      publishes.push({
        fn: scope.fn,
        ...(attributes?.eventType?.StringValue !== undefined
          ? { eventType: attributes.eventType.StringValue }
          : {}),
        subscribers: subscribers.map((subscription) => subscription.fn),
      });
      const messageId = randomUUID();
      for (const subscription of subscribers) {
        // SNS delivers asynchronously: the publisher does not wait for its subscribers.
        const delivery = callFunction(subscription.fn, snsEvent(call.input, messageId, attributes))
          .catch((error: unknown) => {
            deliveryErrors.push(`${subscription.fn}: ${String(error)}`);
          })
          .finally(() => deliveries.delete(delivery));
        deliveries.add(delivery);
      }
      return Promise.resolve({ MessageId: messageId });
    }
    return undefined;
  };

  const recorder = installRecorder(intercept);
  let server: StepFunctionsServer | undefined;
  try {
    const machines = await buildLocalStateMachines(config, options.buildDir);
    for (const machine of machines) {
      const functionsByState = taskFunctions(machine.definition, keyOfName);
      for (const [state, handler] of Object.entries(machine.taskHandlers)) {
        const fn = functionsByState.get(state) ?? state;
        machine.taskHandlers[state] = (input) => invoke({ fn, state }, () => handler(input));
      }
    }
    server = await startStepFunctionsServer({
      port: 0,
      host: '127.0.0.1',
      region: stack.details.region,
      accountId: config.custom.local.accountId,
      stateMachines: machines,
    });
    // POST /orders' handler starts its saga here, on the private endpoint, not on the stack's.
    process.env.AWS_ENDPOINT_URL_SFN = server.url;
  } catch (error) {
    recorder.uninstall();
    await server?.close();
    throw error;
  }
  const privateServer = server;
  const sfn = new SFNClient({
    endpoint: privateServer.url,
    region: stack.details.region,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });

  const runOrder = async (plan: OrderPlan): Promise<ProbeOrder> => {
    const firstCall = recorder.calls.length;
    const firstInvocation = invocations.length;
    const firstPublish = publishes.length;
    deliveryErrors.length = 0;

    const body = JSON.stringify({ items: plan.items, deliverySlotId: plan.deliverySlotId });
    const result = httpResultSchema.parse(
      await callFunction(placeOrderKey, httpEvent(plan.user.token, body)),
    );
    if (result.statusCode !== 201) {
      throw new Error(`The probe's POST /orders answered ${result.statusCode}: ${result.body}`);
    }
    const { orderId } = placedSchema.parse(JSON.parse(result.body ?? '{}'));

    const executionArn = executionArnOf(stack.orderSagaArn, orderId);
    const deadline = Date.now() + 60_000;
    let executionStatus = 'RUNNING';
    while (executionStatus === 'RUNNING') {
      if (Date.now() > deadline) throw new Error(`The probe's saga ${orderId} did not end in 60 s`);
      await sleep(10);
      executionStatus =
        (await sfn.send(new DescribeExecutionCommand({ executionArn }))).status ?? 'RUNNING';
    }
    // What the saga published is delivered asynchronously; an order's work ends with it.
    while (deliveries.size > 0) await Promise.all([...deliveries]);
    if (deliveryErrors.length > 0) {
      throw new Error(`The probe's SNS deliveries failed: ${deliveryErrors.join('; ')}`);
    }
    return {
      orderId,
      plan,
      executionStatus,
      path: pathOf(executionArn, await createSagaHistoryReader(sfn)(executionArn)),
      calls: recorder.calls.slice(firstCall),
      invocations: invocations.slice(firstInvocation),
      publishes: publishes.slice(firstPublish),
    };
  };

  return {
    runOrder,
    close: async () => {
      recorder.uninstall();
      sfn.destroy();
      await privateServer.close();
    },
  };
}

function httpEvent(token: string, body: string): APIGatewayProxyEventV2 {
  const now = new Date();
  return {
    version: '2.0',
    routeKey: 'POST /orders',
    rawPath: '/orders',
    rawQueryString: '',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      'idempotency-key': randomUUID(),
    },
    body,
    isBase64Encoded: false,
    requestContext: {
      accountId: '000000000000',
      apiId: 'bench',
      domainName: '127.0.0.1',
      domainPrefix: '127',
      http: {
        method: 'POST',
        path: '/orders',
        protocol: 'HTTP/1.1',
        sourceIp: '127.0.0.1',
        userAgent: 'shop-bench',
      },
      requestId: randomUUID(),
      routeKey: 'POST /orders',
      stage: '$default',
      time: now.toISOString(),
      timeEpoch: now.getTime(),
    },
  };
}

function snsEvent(
  input: Record<string, unknown>,
  messageId: string,
  attributes: Record<string, { DataType?: string; StringValue?: string }> | undefined,
): SNSEvent {
  const topicArn = String(input.TopicArn);
  return {
    Records: [
      {
        EventSource: 'aws:sns',
        EventVersion: '1.0',
        EventSubscriptionArn: `${topicArn}:${randomUUID()}`,
        Sns: {
          Type: 'Notification',
          MessageId: messageId,
          TopicArn: topicArn,
          Subject: '',
          Message: String(input.Message),
          Timestamp: new Date().toISOString(),
          SignatureVersion: '1',
          Signature: 'bench',
          SigningCertUrl: 'https://example.invalid/cert.pem',
          UnsubscribeUrl: 'https://example.invalid/unsubscribe',
          MessageAttributes: Object.fromEntries(
            Object.entries(attributes ?? {}).map(([name, value]) => [
              name,
              { Type: value.DataType ?? 'String', Value: value.StringValue ?? '' },
            ]),
          ),
        },
      },
    ],
  };
}

/**
 * How an invocation's time splits between waiting on the AWS calls it made (the union of their
 * intervals: calls in parallel count once; an invoke's wait includes the callee) and its own
 * work (parsing, token check, logging, …).
 */
export function timeSplit(
  invocation: Invocation,
  calls: readonly RecordedCall[],
): { awsMs: Record<string, number>; waitingMs: number; ownMs: number } {
  const own = calls.filter(
    (call) =>
      call.fn === invocation.fn &&
      call.state === invocation.state &&
      call.startedAt >= invocation.startedAt &&
      call.startedAt <= invocation.startedAt + invocation.durationMs,
  );
  const awsMs: Record<string, number> = {};
  for (const call of own) {
    const name = `${call.service}.${call.command.replace(/Command$/, '')}`;
    awsMs[name] = (awsMs[name] ?? 0) + call.durationMs;
  }
  const intervals = own
    .map((call) => [call.startedAt, call.startedAt + call.durationMs] as const)
    .sort((a, b) => a[0] - b[0]);
  let waitingMs = 0;
  let coveredUntil = -Infinity;
  for (const [start, end] of intervals) {
    if (end <= coveredUntil) continue;
    waitingMs += end - Math.max(start, coveredUntil);
    coveredUntil = end;
  }
  return { awsMs, waitingMs, ownMs: Math.max(0, invocation.durationMs - waitingMs) };
}

export interface TypicalInvocation {
  fn: string;
  state?: string;
  durationMs: number;
  waitingOnAwsMs: number;
  ownMs: number;
  awsCallsMs: Record<string, number>;
}

/** Each function of the probe orders with the median of its figures over those orders. */
export function typicalInvocations(orders: readonly ProbeOrder[]): TypicalInvocation[] {
  const keyOf = (invocation: Pick<Invocation, 'fn' | 'state'>): string =>
    `${invocation.fn}|${invocation.state ?? ''}`;
  const samples = new Map<string, ReturnType<typeof timeSplit>[]>();
  const durations = new Map<string, number[]>();
  for (const order of orders) {
    for (const invocation of order.invocations) {
      const key = keyOf(invocation);
      samples.set(key, [...(samples.get(key) ?? []), timeSplit(invocation, order.calls)]);
      durations.set(key, [...(durations.get(key) ?? []), invocation.durationMs]);
    }
  }
  const first = orders[0]?.invocations ?? [];
  return first.map((invocation) => {
    const splits = samples.get(keyOf(invocation)) ?? [];
    const callNames = [...new Set(splits.flatMap((split) => Object.keys(split.awsMs)))];
    return {
      fn: invocation.fn,
      ...(invocation.state !== undefined ? { state: invocation.state } : {}),
      durationMs: round(median(durations.get(keyOf(invocation)) ?? [])),
      waitingOnAwsMs: round(median(splits.map((split) => split.waitingMs))),
      ownMs: round(median(splits.map((split) => split.ownMs))),
      awsCallsMs: Object.fromEntries(
        callNames.map((name) => [
          name,
          round(median(splits.map((split) => split.awsMs[name] ?? 0))),
        ]),
      ),
    };
  });
}
