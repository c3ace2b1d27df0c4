import type { Context } from 'aws-lambda';
import { lambdaContext as localLambdaContext } from '../../embedded-stack/lambda-context';

/** A Lambda context for a handler called by a test, with 30 s to run. */
export const lambdaContext = (functionName = 'test-function'): Context =>
  localLambdaContext({ functionName, timeoutSeconds: 30, runner: 'test' });

/** A saga step handler as Lambda invokes it. */
export type SagaHandler = (input: unknown, context: Context) => Promise<unknown>;

/**
 * Invokes a saga step as the state machine does: the saga state plus which attempt this is, in
 * an execution never redriven.
 */
export const invokeStep = (step: SagaHandler, order: unknown, attempt = 0): Promise<unknown> =>
  step({ order, attempt, redriveCount: 0 }, lambdaContext());

/** EventBridge's event for an execution of the order saga that FAILED (the execution is named by the order id). */
export const executionFailedEvent = (orderId: string) => ({
  version: '0',
  id: `event-${orderId}`,
  'detail-type': 'Step Functions Execution Status Change',
  source: 'aws.states',
  account: '000000000000',
  time: new Date().toISOString(),
  region: 'us-east-1',
  resources: [`arn:aws:states:us-east-1:000000000000:execution:shop-test-order-saga:${orderId}`],
  detail: {
    executionArn: `arn:aws:states:us-east-1:000000000000:execution:shop-test-order-saga:${orderId}`,
    stateMachineArn: 'arn:aws:states:us-east-1:000000000000:stateMachine:shop-test-order-saga',
    name: orderId,
    status: 'FAILED',
  },
});

/** Invokes a function as the EventBridge rule on the saga's failed executions does. */
export const invokeOnExecutionFailed = (
  handler: SagaHandler,
  order: { orderId: string },
): Promise<unknown> => handler(executionFailedEvent(order.orderId), lambdaContext());
