import type { IncomingMessage, ServerResponse } from 'node:http';
import { startAwsEndpoint } from '../aws-endpoint';
import { actions, type ActionContext } from './actions';
import { openExecutionJournal, type ExecutionJournal } from './execution-journal';
import { restoreExecution, type RunSettings } from './execution-runner';
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

/**
 * The executions of earlier runs, kept in the journal: every one is listed again; those that were
 * RUNNING when the process died stay RUNNING until `resumeExecutions()` (an execution of a state
 * machine this stack no longer has is reported, and left on disk).
 */
const restoreExecutions = (journal: ExecutionJournal, context: ActionContext): void => {
  const settings: RunSettings = context.run;
  for (const saved of journal.load()) {
    const machine = context.stateMachines.get(saved.identity.stateMachineArn);
    if (machine === undefined) {
      console.error(
        `[step-functions] ${saved.identity.executionArn}: its state machine is gone; not restored`,
      );
      continue;
    }
    const execution = restoreExecution(machine, saved, settings);
    context.executions.add(execution);
  }
};

export const startStepFunctionsServer = async (
  options: StepFunctionsServerOptions,
): Promise<StepFunctionsServer> => {
  const scope = { region: options.region, accountId: options.accountId };
  const journal = options.dataDir === undefined ? undefined : openExecutionJournal(options.dataDir);
  const context: ActionContext = {
    scope,
    stateMachines: new StateMachineRegistry(scope, options.stateMachines),
    executions: new ExecutionStore(),
    run: {
      region: options.region,
      timeScale: options.timeScale ?? 1,
      journal,
      onStatusChange: options.onStatusChange ?? (() => undefined),
    },
  };
  if (journal) restoreExecutions(journal, context);
  // Each restored execution resumes once, whenever this is called.
  const waiting = context.executions.all().filter((execution) => execution.status === 'RUNNING');
  const resumeExecutions = (): number => {
    const resuming = waiting.splice(0);
    for (const execution of resuming) execution.resume();
    return resuming.length;
  };
  const endpoint = await startAwsEndpoint({
    name: 'Step Functions',
    port: options.port,
    host: options.host ?? '127.0.0.1',
    handle: (request, response) => handle(request, response, context),
    beforeClose: () => {
      // Kept on disk as they are now (RUNNING ones resume on the next start), not as aborted.
      journal?.close();
      for (const execution of context.executions.all()) {
        execution.stop('States.Runtime', 'The local Step Functions server was closed');
      }
    },
  });
  return { ...endpoint, resumeExecutions };
};
