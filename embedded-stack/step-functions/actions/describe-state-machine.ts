import * as z from 'zod';
import { epochSeconds } from '../protocol';
import type { Action } from './context';
import { arnSchema, requireStateMachine } from './lookups';
import { parseRequest } from './request';

const requestSchema = z.object({ stateMachineArn: arnSchema });

export const describeStateMachine: Action = (body, context) => {
  const { stateMachineArn } = parseRequest(requestSchema, body);
  const machine = requireStateMachine(context, stateMachineArn);
  return {
    stateMachineArn: machine.arn,
    name: machine.name,
    status: 'ACTIVE',
    definition: machine.definitionText,
    roleArn: machine.roleArn,
    type: 'STANDARD',
    creationDate: epochSeconds(machine.creationDate),
    loggingConfiguration: { level: 'OFF', includeExecutionData: false },
    tracingConfiguration: { enabled: false },
  };
};
