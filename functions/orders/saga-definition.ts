import {
  DescribeStateMachineCommand,
  DescribeStateMachineForExecutionCommand,
  type SFNClient,
} from '@aws-sdk/client-sfn';
import { sfn } from '../lib/aws/sfn';
import { NotFound } from '../lib/errors';

/** What GET /saga/definition and GET /orders/{orderId}/saga/definition answer. */
export interface SagaDefinition {
  stateMachineArn: string;
  name: string;
  type: string;
  definition: unknown;
}

/** The deployed order saga, as Step Functions itself describes it. */
export const createSagaDefinitionReader =
  (client: SFNClient = sfn) =>
  async (stateMachineArn: string): Promise<SagaDefinition> => {
    const machine = await client.send(new DescribeStateMachineCommand({ stateMachineArn }));
    return {
      stateMachineArn: machine.stateMachineArn ?? stateMachineArn,
      name: machine.name ?? '',
      type: machine.type ?? 'STANDARD',
      definition: JSON.parse(machine.definition ?? '{}') as unknown,
    };
  };

/**
 * The state machine one execution ran: after a deploy that changed the saga, an older order is
 * still drawn over the machine that moved it.
 */
export const createExecutionSagaDefinitionReader =
  (client: SFNClient = sfn) =>
  async (executionArn: string): Promise<SagaDefinition> => {
    try {
      const machine = await client.send(
        new DescribeStateMachineForExecutionCommand({ executionArn }),
      );
      return {
        stateMachineArn: machine.stateMachineArn ?? '',
        name: machine.name ?? '',
        // Step Functions keeps the executions of STANDARD machines only, so one it can describe
        // ran on a STANDARD machine (the answer has no `type`).
        type: 'STANDARD',
        definition: JSON.parse(machine.definition ?? '{}') as unknown,
      };
    } catch (error) {
      // An order whose saga never started (see handlers/place-order.ts) has no machine to show.
      if (error instanceof Error && error.name === 'ExecutionDoesNotExist') {
        throw new NotFound('This order has no saga execution');
      }
      throw error;
    }
  };
