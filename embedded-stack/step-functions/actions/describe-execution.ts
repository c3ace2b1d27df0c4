import * as z from 'zod';
import { epochSeconds } from '../protocol';
import type { Action } from './context';
import { arnSchema, requireExecution } from './lookups';
import { parseRequest } from './request';

const requestSchema = z.object({ executionArn: arnSchema });

export const describeExecution: Action = (body, context) => {
  const { executionArn } = parseRequest(requestSchema, body);
  const execution = requireExecution(context, executionArn);
  const { result, stopDate } = execution;
  return {
    executionArn,
    stateMachineArn: execution.identity.stateMachineArn,
    name: execution.identity.name,
    status: execution.status,
    startDate: epochSeconds(execution.startDate),
    ...(stopDate && { stopDate: epochSeconds(stopDate) }),
    input: execution.input,
    inputDetails: { included: true },
    ...(result?.status === 'SUCCEEDED' && {
      output: result.output,
      outputDetails: { included: true },
    }),
    ...(result && result.status !== 'SUCCEEDED' && { error: result.error, cause: result.cause }),
    redriveCount: execution.redriveCount,
    ...(execution.redriveDate && { redriveDate: epochSeconds(execution.redriveDate) }),
    redriveStatus: result && result.status !== 'SUCCEEDED' ? 'REDRIVABLE' : 'NOT_REDRIVABLE',
  };
};
