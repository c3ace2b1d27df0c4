import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { actions, type ActionContext } from './actions';
import { ExecutionStore } from './execution-store';
import {
  actionOf,
  readJsonBody,
  sendError,
  sendInternalError,
  sendResult,
  ServiceError,
} from './protocol';
import { StateMachineRegistry } from './state-machine-registry';
import type { StepFunctionsServer, StepFunctionsServerOptions } from './types';

export type { LocalStateMachine, StepFunctionsServer, StepFunctionsServerOptions } from './types';

const handle = async (
  request: IncomingMessage,
  response: ServerResponse,
  context: ActionContext,
): Promise<void> => {
  try {
    const name = actionOf(request);
    const action = name === undefined ? undefined : actions.get(name);
    if (!action) {
      throw new ServiceError(
        'UnknownOperationException',
        `Unknown operation: ${String(request.headers['x-amz-target'])}`,
      );
    }
    sendResult(response, action(await readJsonBody(request), context));
  } catch (error) {
    if (error instanceof ServiceError) {
      sendError(response, error);
      return;
    }
    // A bug here, not a caller's mistake: say so loudly on the local console.
    console.error('[step-functions] internal error', error);
    sendInternalError(response, error instanceof Error ? error.message : String(error));
  }
};

export const startStepFunctionsServer = async (
  options: StepFunctionsServerOptions,
): Promise<StepFunctionsServer> => {
  const scope = { region: options.region, accountId: options.accountId };
  const context: ActionContext = {
    scope,
    stateMachines: new StateMachineRegistry(scope, options.stateMachines),
    executions: new ExecutionStore(),
    run: {
      region: options.region,
      timeScale: options.timeScale ?? 1,
      onStatusChange: options.onStatusChange ?? (() => undefined),
    },
  };
  const host = options.host ?? '127.0.0.1';

  const server = createServer((request, response) => {
    void handle(request, response, context);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === 'string') {
    throw new Error('The Step Functions server is not listening on a TCP port');
  }

  const shutDown = async (): Promise<void> => {
    for (const execution of context.executions.all()) {
      execution.stop('States.Runtime', 'The local Step Functions server was closed');
    }
    const closed = new Promise<void>((resolve, reject) =>
      server.close((error) => (error ? reject(error) : resolve())),
    );
    // SDK clients keep connections alive; without this close() would wait for them.
    server.closeAllConnections();
    await closed;
  };
  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => (closing ??= shutDown());

  return { url: `http://${host}:${address.port}`, close };
};
