import * as z from 'zod';
import { epochSeconds } from '../protocol';
import type { Action } from './context';
import { arnSchema, requireExecution, requireStateMachine } from './lookups';
import { parseRequest } from './request';

const requestSchema = z.object({ executionArn: arnSchema });

/**
 * The state machine an execution ran. Machines here are registered once and never updated, so the
 * execution's machine is the registered one; Step Functions answers without a `type` or `status`.
 */
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
