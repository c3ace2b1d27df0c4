import * as z from 'zod';
import { StatesError } from '../interpreter';
import { epochSeconds, ServiceError } from '../protocol';
import type { Action } from './context';
import { arnSchema, requireExecution } from './lookups';
import { parseRequest } from './request';

const requestSchema = z.object({
  executionArn: arnSchema,
  clientToken: z.string().min(1).max(64).optional(),
});

// https://docs.aws.amazon.com/step-functions/latest/apireference/API_RedriveExecution.html
// A FAILED, ABORTED or TIMED_OUT execution continues from the state that did not
// finish; any other is ExecutionNotRedrivable.
export const redriveExecution: Action = (body, context) => {
  const request = parseRequest(requestSchema, body);
  const execution = requireExecution(context, request.executionArn);
  try {
    execution.redrive();
  } catch (error) {
    if (error instanceof StatesError) throw new ServiceError('ExecutionNotRedrivable', error.cause);
    throw error;
  }
  return { redriveDate: epochSeconds(execution.redriveDate ?? new Date()) };
};
