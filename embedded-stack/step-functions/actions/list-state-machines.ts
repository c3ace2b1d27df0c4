import * as z from 'zod';
import {
  decodeToken,
  encodeToken,
  maxResultsSchema,
  nextTokenSchema,
  pageSize,
} from '../pagination';
import { epochSeconds } from '../protocol';
import type { Action } from './context';
import { parseRequest } from './request';

const requestSchema = z.object({ maxResults: maxResultsSchema, nextToken: nextTokenSchema });

export const listStateMachines: Action = (body, context) => {
  const request = parseRequest(requestSchema, body);
  const machines = context.stateMachines.list();
  const scope = 'state-machines';
  const start = decodeToken(request.nextToken, scope) ?? 0;
  const end = start + pageSize(request.maxResults);
  return {
    stateMachines: machines.slice(start, end).map((machine) => ({
      stateMachineArn: machine.arn,
      name: machine.name,
      type: 'STANDARD',
      creationDate: epochSeconds(machine.creationDate),
    })),
    ...(end < machines.length && { nextToken: encodeToken(scope, end) }),
  };
};
