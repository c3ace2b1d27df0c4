/**
 * `npm start`: the shop's AWS world on this machine, with no Docker and no AWS account.
 * DynamoDB Local (in memory) with the tables of resources/, the Step Functions endpoint running
 * the real ASL file with the handlers in this process, and serverless-offline (HTTP API, Lambda
 * invoke, SNS delivery through serverless-offline-sns). Ctrl-C or SIGTERM stops all of it.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createTables, startDynamoDbLocal } from './dynamodb-local';
import { assertPortsFree } from './free-ports';
import { startProcess, type ManagedProcess } from './managed-process';
import { buildLocalStateMachines } from './saga-runner';
import { loadServerlessConfig, serverlessCommand } from './serverless-config';
import {
  awsEndpointEnvironment,
  HOST,
  LOCAL_STAGE,
  PROJECT_ROOT,
  readSettings,
  url,
  type EmbeddedStackSettings,
} from './settings';
import { startStepFunctionsServer, type StepFunctionsServer } from './step-functions/server';
import { waitUntil } from './wait-until';

const startedAt = Date.now();
const settings = readSettings();
const processes: ManagedProcess[] = [];
let stepFunctions: StepFunctionsServer | undefined;
let stopping = false;

async function stop(exitCode: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    // Reverse order of start: the HTTP side first, the database last.
    await stepFunctions?.close();
    for (const child of [...processes].reverse()) await child.stop();
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
  const awsEnvironment = awsEndpointEnvironment(settings);
  Object.assign(process.env, awsEnvironment);
  const dynamodb = new DynamoDBClient({ endpoint: awsEnvironment.AWS_ENDPOINT_URL_DYNAMODB });

  // serverless-offline needs no table until the first request: it starts alongside the rest.
  const offline = startServerlessOffline();
  processes.push(offline);
  void offline.exited.then((code) => {
    if (stopping) return;
    console.error(`serverless-offline exited (code ${code}); stopping the stack`);
    void stop(1);
  });

  const [config, java] = await Promise.all([
    loadServerlessConfig(process.env),
    startDynamoDbLocal(settings.ports.dynamodb, dynamodb),
  ]);
  processes.push(java);
  const tables = await createTables(dynamodb, config);

  // The in-process saga handlers read their configuration from here, as on Lambda.
  Object.assign(process.env, config.provider.environment);
  const stateMachines = await buildLocalStateMachines(config);
  stepFunctions = await startStepFunctionsServer({
    port: settings.ports.stepFunctions,
    host: HOST,
    region: settings.region,
    accountId: config.custom.local.accountId,
    stateMachines,
  });

  await waitUntil(
    `the HTTP API on port ${settings.ports.http}`,
    async () => (await fetch(`${url(settings.ports.http)}/health`)).ok,
    { timeoutMs: 60_000, intervalMs: 200 },
  );

  const stack = {
    stage: LOCAL_STAGE,
    region: settings.region,
    httpApiUrl: url(settings.ports.http),
    lambdaUrl: url(settings.ports.lambda),
    stepFunctionsUrl: stepFunctions.url,
    dynamodbUrl: url(settings.ports.dynamodb),
    snsUrl: url(settings.ports.sns),
    tables,
    stateMachineArns: stateMachines.map(
      (machine) =>
        `arn:aws:states:${settings.region}:${config.custom.local.accountId}:stateMachine:${machine.name}`,
    ),
    environment: { ...config.provider.environment, ...awsEnvironment },
    pids: [process.pid, ...processes.map((child) => child.pid)],
  };
  await mkdir(dirname(settings.stackFile), { recursive: true });
  await writeFile(settings.stackFile, JSON.stringify(stack, null, 2));
  printBanner(settings, stack);
}

function startServerlessOffline(): ManagedProcess {
  const { command, args } = serverlessCommand();
  const child = startProcess(
    'serverless-offline',
    command,
    [...args, 'offline', 'start', '--stage', LOCAL_STAGE],
    {
      cwd: PROJECT_ROOT,
      env: process.env,
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
  return child;
}

function printBanner(
  current: EmbeddedStackSettings,
  stack: {
    httpApiUrl: string;
    stepFunctionsUrl: string;
    dynamodbUrl: string;
    snsUrl: string;
    lambdaUrl: string;
    stateMachineArns: string[];
  },
): void {
  const seconds = ((Date.now() - startedAt) / 1000).toFixed(1);
  console.log(
    [
      '',
      `Shop ready in ${seconds}s (stage ${LOCAL_STAGE}, region ${current.region})`,
      `  HTTP API         ${stack.httpApiUrl}   try: curl ${stack.httpApiUrl}/health`,
      `  Step Functions   ${stack.stepFunctionsUrl}   ${stack.stateMachineArns.join(', ')}`,
      `  DynamoDB Local   ${stack.dynamodbUrl}`,
      `  SNS              ${stack.snsUrl}`,
      `  Lambda invoke    ${stack.lambdaUrl}`,
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
