import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';

/** A minimal Lambda context, enough for the middy stacks and Powertools. */
export const lambdaContext = (functionName = 'test-function'): Context => ({
  callbackWaitsForEmptyEventLoop: true,
  functionName,
  functionVersion: '$LATEST',
  invokedFunctionArn: `arn:aws:lambda:us-east-1:000000000000:function:${functionName}`,
  memoryLimitInMB: '256',
  awsRequestId: randomUUID(),
  logGroupName: `/aws/lambda/${functionName}`,
  logStreamName: 'test',
  getRemainingTimeInMillis: () => 30_000,
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
});

/** A saga step handler as Lambda invokes it. */
export type SagaHandler = (input: unknown, context: Context) => Promise<unknown>;

/** Invokes a saga step as the state machine does: the saga state plus which attempt this is. */
export const invokeStep = (step: SagaHandler, order: unknown, attempt = 0): Promise<unknown> =>
  step({ order, attempt }, lambdaContext());
