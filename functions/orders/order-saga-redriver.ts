import { RedriveExecutionCommand, type SFNClient } from '@aws-sdk/client-sfn';
import { sfn } from '../lib/aws/sfn';
import { Conflict } from '../lib/errors';
import { executionArnOf } from './saga-history';

/**
 * Redrives an order's saga execution (Step Functions RedriveExecution): the undo step that failed
 * runs again, then the rest of the undo chain. An execution that is running again already (a
 * second redrive) or has succeeded meanwhile is a Conflict.
 */
export const createOrderSagaRedriver =
  (stateMachineArn: string, client: Pick<SFNClient, 'send'> = sfn) =>
  async (orderId: string): Promise<void> => {
    try {
      await client.send(
        new RedriveExecutionCommand({ executionArn: executionArnOf(stateMachineArn, orderId) }),
      );
    } catch (error) {
      if (error instanceof Error && error.name === 'ExecutionNotRedrivable') {
        throw new Conflict(`The saga of order ${orderId} cannot be redriven now`);
      }
      throw error;
    }
  };
