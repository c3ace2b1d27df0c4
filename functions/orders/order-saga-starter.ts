import { StartExecutionCommand, type SFNClient } from '@aws-sdk/client-sfn';
import { sfn } from '../lib/aws/sfn';
import type { OrderSagaInput } from '../../contracts/order-saga';

/**
 * Starts an order's saga. The execution is named by the order id, so Step Functions itself
 * refuses a second execution of one order.
 */
export const createOrderSagaStarter =
  (stateMachineArn: string, client: SFNClient = sfn) =>
  async (input: OrderSagaInput): Promise<void> => {
    try {
      await client.send(
        new StartExecutionCommand({
          stateMachineArn,
          name: input.orderId,
          input: JSON.stringify(input),
        }),
      );
    } catch (error) {
      // Only POST /orders starts executions, once per order id: an execution of this order
      // exists because an earlier attempt of this very start went through (its answer was lost
      // and the SDK retried), or an earlier run of the same Idempotency-Key request started it.
      // The saga is running or has run, which is what was asked.
      if (error instanceof Error && error.name === 'ExecutionAlreadyExists') return;
      throw error;
    }
  };
