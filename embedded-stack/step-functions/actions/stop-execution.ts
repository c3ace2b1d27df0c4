import * as z from 'zod';
import { epochSeconds } from '../protocol';
import type { Action } from './context';
import { arnSchema, requireExecution } from './lookups';
import { parseRequest } from './request';

const requestSchema = z.object({
  executionArn: arnSchema,
  error: z.string().max(256).optional(),
  cause: z.string().max(32768).optional(),
});

// Stopping an execution that has already ended changes nothing: the answer is
// the date it ended.
export const stopExecution: Action = (body, context) => {
  const request = parseRequest(requestSchema, body);
  const execution = requireExecution(context, request.executionArn);
  execution.stop(request.error, request.cause);
  return { stopDate: epochSeconds(execution.stopDate ?? new Date()) };
};
