import {
  DescribeExecutionCommand,
  StartExecutionCommand,
  type SFNClient,
} from '@aws-sdk/client-sfn';
import { sfn } from '../lib/aws/sfn';
import type { OrderSagaInput } from '../../contracts/order-saga';
import type { SagaExecutionStatus } from './domain/stuck-order';
import { executionArnOf } from './saga-history';

const isNamed = (error: unknown, name: string): boolean =>
  error instanceof Error && error.name === name;

/** What the sweeper asks of Step Functions about the order saga's executions. */
export const createOrderSagaExecutions = (stateMachineArn: string, client: SFNClient = sfn) => ({
  /** The status of the execution named `name`, or NONE when Step Functions has none. */
  async statusOf(name: string): Promise<SagaExecutionStatus> {
    try {
      const { status } = await client.send(
        new DescribeExecutionCommand({ executionArn: executionArnOf(stateMachineArn, name) }),
      );
      if (!status) throw new Error(`DescribeExecution of ${name} answered no status`);
      return status;
    } catch (error) {
      if (isNamed(error, 'ExecutionDoesNotExist')) return 'NONE';
      throw error;
    }
  },

  /**
   * Starts the execution `name` on `input`; ALREADY_STARTED when Step Functions has one of that
   * name (running on the same input, which a repeated start returns, or any other).
   */
  async start(name: string, input: OrderSagaInput): Promise<'STARTED' | 'ALREADY_STARTED'> {
    try {
      await client.send(
        new StartExecutionCommand({ stateMachineArn, name, input: JSON.stringify(input) }),
      );
      return 'STARTED';
    } catch (error) {
      if (isNamed(error, 'ExecutionAlreadyExists')) return 'ALREADY_STARTED';
      throw error;
    }
  },
});

export type OrderSagaExecutions = ReturnType<typeof createOrderSagaExecutions>;
