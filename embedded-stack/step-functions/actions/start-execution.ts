import { randomUUID } from 'node:crypto';
import * as z from 'zod';
import { executionArn, isValidName } from '../arns';
import type { Execution } from '../execution';
import { runExecution } from '../execution-runner';
import { type JsonValue, parseJson } from '../json';
import { epochSeconds, ServiceError } from '../protocol';
import type { Action } from './context';
import { arnSchema, requireStateMachine } from './lookups';
import { parseRequest } from './request';

const requestSchema = z.object({
  stateMachineArn: arnSchema,
  name: z.string().optional(),
  input: z.string().optional(),
});

const parseInput = (input: string): JsonValue => {
  try {
    return parseJson(input);
  } catch {
    throw new ServiceError(
      'InvalidExecutionInput',
      `Invalid State Machine Execution Input: '${input}'`,
    );
  }
};

const started = (execution: Execution) => ({
  executionArn: execution.identity.executionArn,
  startDate: epochSeconds(execution.startDate),
});

export const startExecution: Action = (body, context) => {
  const request = parseRequest(requestSchema, body);
  const machine = requireStateMachine(context, request.stateMachineArn);
  const name = request.name ?? randomUUID();
  if (!isValidName(name)) throw new ServiceError('InvalidName', `Invalid Name: '${name}'`);
  // AWS runs an execution started without input on '{}'.
  const input = request.input ?? '{}';
  const inputValue = parseInput(input);

  const arn = executionArn(context.scope, machine.name, name);
  const existing = context.executions.get(arn);
  if (existing) {
    // Standard workflows: repeating a start of a still running execution with
    // the same input is idempotent; any other reuse of the name is refused.
    if (existing.status === 'RUNNING' && existing.input === input) return started(existing);
    throw new ServiceError('ExecutionAlreadyExists', `Execution Already Exists: '${arn}'`);
  }

  const execution = runExecution(
    machine,
    { executionArn: arn, name, stateMachineArn: machine.arn, roleArn: machine.roleArn },
    input,
    inputValue,
    context.run,
  );
  context.executions.add(execution);
  return started(execution);
};
