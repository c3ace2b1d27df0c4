import { GetExecutionHistoryCommand, type HistoryEvent, type SFNClient } from '@aws-sdk/client-sfn';
import { sfn } from '../lib/aws/sfn';
import { NotFound } from '../lib/errors';

/** The execution of an order's saga is named by the order id (see order-saga-starter.ts). */
export const executionArnOf = (stateMachineArn: string, orderId: string): string =>
  `${stateMachineArn.replace(':stateMachine:', ':execution:')}:${orderId}`;

/** Every event of the execution's history, oldest first, from Step Functions itself. */
export const createSagaHistoryReader =
  (client: SFNClient = sfn) =>
  async (executionArn: string): Promise<HistoryEvent[]> => {
    const events: HistoryEvent[] = [];
    let nextToken: string | undefined;
    try {
      do {
        const page = await client.send(
          new GetExecutionHistoryCommand({
            executionArn,
            nextToken,
            maxResults: 1000,
            includeExecutionData: false,
          }),
        );
        events.push(...(page.events ?? []));
        nextToken = page.nextToken;
      } while (nextToken);
    } catch (error) {
      // An order whose saga never started (see handlers/place-order.ts) has no execution to show.
      if (error instanceof Error && error.name === 'ExecutionDoesNotExist') {
        throw new NotFound('This order has no saga execution');
      }
      throw error;
    }
    return events;
  };
