import * as z from 'zod';
import type { Execution } from '../execution';
import {
  decodeToken,
  encodeToken,
  maxResultsSchema,
  nextTokenSchema,
  pageSize,
} from '../pagination';
import { epochSeconds, ServiceError } from '../protocol';
import type { Action } from './context';
import { arnSchema, requireStateMachine } from './lookups';
import { parseRequest } from './request';

const requestSchema = z.object({
  stateMachineArn: arnSchema.optional(),
  statusFilter: z
    .enum(['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED', 'PENDING_REDRIVE'])
    .optional(),
  maxResults: maxResultsSchema,
  nextToken: nextTokenSchema,
});

const listItem = (execution: Execution) => ({
  executionArn: execution.identity.executionArn,
  stateMachineArn: execution.identity.stateMachineArn,
  name: execution.identity.name,
  status: execution.status,
  startDate: epochSeconds(execution.startDate),
  ...(execution.stopDate && { stopDate: epochSeconds(execution.stopDate) }),
});

export const listExecutions: Action = (body, context) => {
  const request = parseRequest(requestSchema, body);
  if (request.stateMachineArn === undefined) {
    // The other way in, mapRunArn (distributed Map runs), is not emulated.
    throw new ServiceError('ValidationException', 'stateMachineArn is required');
  }
  const machine = requireStateMachine(context, request.stateMachineArn);
  const oldestFirst = context.executions.ofStateMachine(machine.arn);
  const matches = (execution: Execution): boolean =>
    request.statusFilter === undefined || execution.status === request.statusFilter;
  const scope = `executions:${machine.arn}:${request.statusFilter ?? 'ALL'}`;
  const limit = pageSize(request.maxResults);

  // Newest first: walk the start-ordered list backward from the position, the
  // end (exclusive) of what is left, so executions started meanwhile do not
  // shift later pages.
  const page: Execution[] = [];
  let index = Math.min(
    decodeToken(request.nextToken, scope) ?? oldestFirst.length,
    oldestFirst.length,
  );
  while (index > 0 && page.length < limit) {
    index -= 1;
    const execution = oldestFirst[index];
    if (execution && matches(execution)) page.push(execution);
  }
  const more = oldestFirst.slice(0, index).some(matches);
  return {
    executions: page.map(listItem),
    ...(more && { nextToken: encodeToken(scope, index) }),
  };
};
