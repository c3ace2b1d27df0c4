import * as z from 'zod';
import { epochSeconds } from '../protocol';
import type { Action } from './context';
import { arnSchema, requireExecution, requireStateMachine } from './lookups';
import { parseRequest } from './request';

// https://docs.aws.amazon.com/step-functions/latest/apireference/API_DescribeStateMachineForExecution.html
// The definition an execution runs: our machines are never updated, so it is the machine's own.
const requestSchema = z.object({ executionArn: arnSchema });

export const describeStateMachineForExecution: Action = (body, context) => {
  const { executionArn } = parseRequest(requestSchema, body);
  const execution = requireExecution(context, executionArn);
  const machine = requireStateMachine(context, execution.identity.stateMachineArn);
  return {
    stateMachineArn: machine.arn,
    name: machine.name,
    definition: machine.definitionText,
    roleArn: machine.roleArn,
    updateDate: epochSeconds(machine.creationDate),
    loggingConfiguration: { level: 'OFF', includeExecutionData: false },
    tracingConfiguration: { enabled: false },
  };
};
