import * as z from 'zod';
import { isExecutionArn, isStateMachineArn } from '../arns';
import type { Execution } from '../execution';
import { ServiceError } from '../protocol';
import type { RegisteredStateMachine } from '../state-machine-registry';
import type { ActionContext } from './context';

export const arnSchema = z.string().min(1).max(256);

export const requireStateMachine = (
  context: ActionContext,
  arn: string,
): RegisteredStateMachine => {
  if (!isStateMachineArn(arn)) throw new ServiceError('InvalidArn', `Invalid Arn: '${arn}'`);
  const machine = context.stateMachines.get(arn);
  if (!machine) {
    throw new ServiceError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${arn}'`);
  }
  return machine;
};

export const requireExecution = (context: ActionContext, arn: string): Execution => {
  if (!isExecutionArn(arn)) throw new ServiceError('InvalidArn', `Invalid Arn: '${arn}'`);
  const execution = context.executions.get(arn);
  if (!execution) {
    throw new ServiceError('ExecutionDoesNotExist', `Execution Does Not Exist: '${arn}'`);
  }
  return execution;
};
