/**
 * `npm start`: the shop's AWS world on this machine, with no Docker and no AWS account.
 * DynamoDB Local with the tables of resources/, the Step Functions endpoint running
 * the real ASL file with the handlers in this process, serverless-offline (HTTP API, Lambda
 * invoke, SNS delivery through serverless-offline-sns), the tables' stream mappings (the outbox
 * publishers, embedded-stack/streams/), and cognito-local with the user pool and the local
 * stage's admin account; and the web console (web/, built once per change of its sources) on its
 * own port; the EventBridge schedule rules (the stuck-order sweeper) run on their rates
 * (embedded-stack/scheduler.ts). Ctrl-C or SIGTERM stops all of it. Their state (tables, users,
 * stream checkpoints, executions) is kept in the data directory between runs, even after a
 * kill -9; `--fresh` (`npm run start:fresh`) starts empty.
 */
import { spawn } from 'node:child_process';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { startCloudWatchServer, tapOutputLines, type CloudWatchServer } from './cloudwatch';
import { startApiDocs, type ApiDocsServer } from './api-docs';
import { startCognitoLocal } from './cognito-local';
import { CONSOLE_DIST, ensureConsoleBuilt } from './console-build';
import { startConsoleServer, type ConsoleServer } from './console-server';
import { createTables, startDynamoDbLocal } from './dynamodb-local';
import { assertPortsFree } from './free-ports';
import { loadExecutionStatusRules } from './execution-status-rules';
import { manage, stopAllProcesses, type ManagedProcess } from './managed-process';
import { openReadyGate, type ReadyGate } from './ready-gate';
import { buildLocalStateMachines } from './saga-runner';
import {
  allFunctionsEnvironment,
  loadServerlessConfig,
  serverlessCommand,
} from './serverless-config';
import {
  awsEndpointEnvironment,
  HOST,
  LOCAL_STAGE,
  PROJECT_ROOT,
  readSettings,
  url,
  type EmbeddedStackSettings,
} from './settings';
import { startScheduler } from './scheduler';
import { seedDemoData } from './seed-demo';
import { ensureAdminAccount, readAdminAccount, type AdminAccount } from './shop-admin';
import { startStepFunctionsServer, type StepFunctionsServer } from './step-functions/server';
import { startStreamMappings } from './streams';
import { waitUntil } from './wait-until';

const startedAt = Date.now();
const settings = readSettings();
const processes: ManagedProcess[] = [];
let stepFunctions: StepFunctionsServer | undefined;
let streamMappings: { stop: () => Promise<void> } | undefined;
let scheduler: { stop: () => Promise<void> } | undefined;
let cloudWatch: CloudWatchServer | undefined;
let consoleServer: ConsoleServer | undefined;
let apiDocs: ApiDocsServer | undefined;
let readyGate: ReadyGate | undefined;
let stopping = false;

async function stop(exitCode: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    // Reverse order of start: the HTTP side first, the database last.
    await readyGate?.close();
    await consoleServer?.close();
    await apiDocs?.close();
    await scheduler?.stop();
    await stepFunctions?.close();
    await streamMappings?.stop();
    await cloudWatch?.close();
    for (const child of [...processes].reverse()) await child.stop();
    // Those still starting, which nobody tracks yet.
    await stopAllProcesses();
    await rm(settings.stackFile, { force: true });
  }
  process.exit(exitCode);
}

process.once('SIGINT', () => void stop(0));
process.once('SIGTERM', () => void stop(0));
// Orphaned (whoever started us died without passing the signal on): stop rather than linger.
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) void stop(0);
}, 1000).unref();

async function main(): Promise<void> {
  await assertPortsFree(HOST, settings.ports);
  // Kept between runs (README "Running locally"); `--fresh` starts from empty.
  if (settings.fresh) await rm(settings.dataDir, { recursive: true, force: true });
  // First: every handler's EMF lines are metrics from its first invocation on.
  cloudWatch = await startCloudWatchServer({ port: settings.ports.cloudWatch, host: HOST });
  // The saga's handlers run in this process, and print their metrics here, as on Lambda.
  tapOutputLines(process.stdout, cloudWatch.ingestLogLine);
  const admin = readAdminAccount();
  const awsEnvironment = awsEndpointEnvironment(settings);
  Object.assign(process.env, awsEnvironment, {
    SHOP_BUILD_DIR: settings.buildDir,
    // The local stage's source maps stay with its build, apart from the deployed ones
    // (.source-maps/, scripts/esbuild-plugins.js).
    SHOP_SOURCE_MAP_DIR: `${settings.buildDir}/source-maps`,
    SHOP_OFFLINE_HTTP_PORT: String(settings.ports.offlineHttp),
  });
  const dynamodb = new DynamoDBClient({ endpoint: awsEnvironment.AWS_ENDPOINT_URL_DYNAMODB });

  const configLoaded = loadServerlessConfig(process.env);
  // serverless-offline needs no table until the first request: it starts alongside the rest. Each
  // function carries only its own variables, but serverless-offline-sns loads the subscribers at
  // start with the process's environment: it gets every function's.
  const offline = startServerlessOffline(allFunctionsEnvironment(await configLoaded));
  processes.push(offline);
  void offline.exited.then((code) => {
    if (stopping) return;
    console.error(`serverless-offline exited (code ${code}); stopping the stack`);
    void stop(1);
  });

  // Each child is tracked as soon as it runs: if another one fails to start, stop() ends it too.
  const [config, , cognito] = await Promise.all([
    configLoaded,
    startDynamoDbLocal(settings.ports.dynamodb, dynamodb, join(settings.dataDir, 'dynamodb')).then(
      track,
    ),
    // It needs the pool's resolved ids and properties, and nothing else: it starts as soon as
    // `sls print` answers, while DynamoDB Local and serverless-offline are still coming up.
    configLoaded
      .then((resolved) =>
        startCognitoLocal(settings.ports.cognito, resolved, join(settings.dataDir, 'cognito')),
      )
      .then(track),
  ]);
  // Vite builds the console (when its sources changed) while the tables, the state machine and the
  // HTTP API come up; not earlier, where its threads would slow DynamoDB Local's JVM start.
  const consoleBuilt = ensureConsoleBuilt();
  // Awaited below; until then a failure must not crash the process past stop(), orphaning children.
  consoleBuilt.catch(() => undefined);
  const tables = await createTables(dynamodb, config);

  // The in-process saga handlers read their configuration from here, as on Lambda.
  const functionsEnvironment = allFunctionsEnvironment(config);
  Object.assign(process.env, functionsEnvironment);
  const buildDir = resolve(PROJECT_ROOT, settings.buildDir);
  const stateMachines = await buildLocalStateMachines(config, buildDir);
  streamMappings = await startStreamMappings({
    config,
    buildDir,
    dataDir: settings.streamsDir,
    dynamodbUrl: url(settings.ports.dynamodb),
    region: settings.region,
  });
  stepFunctions = await startStepFunctionsServer({
    port: settings.ports.stepFunctions,
    host: HOST,
    region: settings.region,
    accountId: config.custom.local.accountId,
    stateMachines,
    timeScale: settings.sfnTimeScale,
    dataDir: join(settings.dataDir, 'step-functions'),
    onStatusChange: await loadExecutionStatusRules(config, buildDir),
  });
  // The EventBridge schedule rules (the stuck-order sweeper), once what they call is up.
  scheduler = await startScheduler({
    config,
    buildDir: resolve(PROJECT_ROOT, settings.buildDir),
    region: settings.region,
    periodSecondsOverride: settings.schedulePeriodSeconds,
    log: (message) => {
      console.error(`[scheduler] ${message}`);
    },
  });

  // Seeded through serverless-offline's own port: the public one opens when all of it is done.
  const offlineUrl = url(settings.ports.offlineHttp);
  await waitUntil(
    `the HTTP API on port ${settings.ports.offlineHttp}`,
    async () => (await fetch(`${offlineUrl}/health`)).ok,
    { timeoutMs: 60_000, intervalMs: 200 },
  );
  // Sagas that were running when an earlier run of the stack died go on, now that the functions
  // their steps call answer.
  const resumed = stepFunctions.resumeExecutions();
  const { accessToken } = await ensureAdminAccount({
    admin,
    httpApiUrl: offlineUrl,
    cognitoUrl: cognito.url,
    userPoolId: cognito.userPoolId,
    region: settings.region,
  });
  const demo = await seedDemoData({ httpApiUrl: offlineUrl, adminToken: accessToken });
  readyGate = await openReadyGate({
    host: HOST,
    publicPort: settings.ports.http,
    targetPort: settings.ports.offlineHttp,
  });

  await consoleBuilt;
  consoleServer = await startConsoleServer({
    host: HOST,
    port: settings.ports.console,
    dist: CONSOLE_DIST,
    settings: {
      apiUrl: url(settings.ports.http),
      stage: LOCAL_STAGE,
      // The functions that honour X-Fault-Injection carry the setting (functions.yml), not the provider.
      faultInjection: functionsEnvironment.SHOP_FAULT_INJECTION === 'enabled',
    },
  });
  apiDocs = await startApiDocs({
    host: HOST,
    port: settings.ports.docs,
    httpApiUrl: url(settings.ports.http),
  });

  const stack = {
    stage: LOCAL_STAGE,
    consoleUrl: consoleServer.url,
    region: settings.region,
    httpApiUrl: url(settings.ports.http),
    apiDocsUrl: apiDocs.url,
    lambdaUrl: url(settings.ports.lambda),
    stepFunctionsUrl: stepFunctions.url,
    cloudWatchUrl: cloudWatch.url,
    dynamodbUrl: url(settings.ports.dynamodb),
    snsUrl: url(settings.ports.sns),
    cognitoUrl: cognito.url,
    userPoolId: cognito.userPoolId,
    userPoolClientId: cognito.clientId,
    admin,
    demo,
    resumedExecutions: resumed,
    tables,
    dataDir: settings.dataDir,
    streamsDir: settings.streamsDir,
    stateMachineArns: stateMachines.map(
      (machine) =>
        `arn:aws:states:${settings.region}:${config.custom.local.accountId}:stateMachine:${machine.name}`,
    ),
    environment: { ...functionsEnvironment, ...awsEnvironment },
    pids: [process.pid, ...processes.map((child) => child.pid)],
  };
  await mkdir(dirname(settings.stackFile), { recursive: true });
  await writeFile(settings.stackFile, JSON.stringify(stack, null, 2));
  printBanner(settings, stack);
}

async function track<P extends ManagedProcess>(child: P): Promise<P> {
  processes.push(child);
  // stop() already ran while this one was starting.
  if (stopping) await child.stop();
  return child;
}

function startServerlessOffline(functionsEnvironment: Record<string, string>): ManagedProcess {
  const { command, args } = serverlessCommand();
  const child = spawn(command, [...args, 'offline', 'start', '--stage', LOCAL_STAGE], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, ...functionsEnvironment },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  // Through this process's stdout, whose lines (EMF ones become metrics) main() taps.
  child.stdout?.pipe(process.stdout);
  return manage('serverless-offline', child);
}

function printBanner(
  current: EmbeddedStackSettings,
  stack: {
    consoleUrl: string;
    httpApiUrl: string;
    apiDocsUrl: string;
    stepFunctionsUrl: string;
    cloudWatchUrl: string;
    dynamodbUrl: string;
    snsUrl: string;
    lambdaUrl: string;
    cognitoUrl: string;
    userPoolId: string;
    userPoolClientId: string;
    admin: AdminAccount;
    demo: { products: number; slots: number };
    resumedExecutions: number;
    stateMachineArns: string[];
  },
): void {
  const seconds = ((Date.now() - startedAt) / 1000).toFixed(1);
  console.log(
    [
      '',
      `Shop ready in ${seconds}s (stage ${LOCAL_STAGE}, region ${current.region})`,
      `  Console          ${stack.consoleUrl}   (storefront; admins also see the saga console)`,
      `  HTTP API         ${stack.httpApiUrl}   try: curl ${stack.httpApiUrl}/health`,
      `  API reference    ${stack.apiDocsUrl}   (OpenAPI: ${stack.httpApiUrl}/openapi.json)`,
      `  Step Functions   ${stack.stepFunctionsUrl}   ${stack.stateMachineArns.join(', ')}`,
      `  CloudWatch       ${stack.cloudWatchUrl}   GetMetricData / ListMetrics of the handlers' EMF metrics`,
      `  DynamoDB Local   ${stack.dynamodbUrl}`,
      `  SNS              ${stack.snsUrl}`,
      `  Lambda invoke    ${stack.lambdaUrl}`,
      `  Cognito          ${stack.cognitoUrl}   user pool ${stack.userPoolId}, app client ${stack.userPoolClientId}`,
      `  Admin            ${stack.admin.email} / ${stack.admin.password}   (SHOP_ADMIN_EMAIL / SHOP_ADMIN_PASSWORD)`,
      stack.demo.products > 0
        ? `  Demo data        ${stack.demo.products} products with stock, ${stack.demo.slots} delivery slots over the next 7 days`
        : '  Demo data        kept from an earlier run',
      `  State            ${current.dataDir}   kept between runs; npm run start:fresh starts empty`,
      ...(stack.resumedExecutions > 0
        ? [
            `  Resumed          ${stack.resumedExecutions} executions that were running when the stack stopped`,
          ]
        : []),
      `  Stack details    ${current.stackFile}`,
      'Ctrl-C stops everything.',
      '',
    ].join('\n'),
  );
}

main().catch((error: unknown) => {
  console.error('The local stack could not start:', error instanceof Error ? error.message : error);
  void stop(1);
});
