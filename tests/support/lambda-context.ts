import type { Context } from 'aws-lambda';
import { lambdaContext as localLambdaContext } from '../../embedded-stack/lambda-context';

/** A Lambda context for a handler called by a test, with 30 s to run. */
export const lambdaContext = (functionName = 'test-function'): Context =>
  localLambdaContext({ functionName, timeoutSeconds: 30, runner: 'test' });

/** A saga step handler as Lambda invokes it. */
export type SagaHandler = (input: unknown, context: Context) => Promise<unknown>;

/** Invokes a saga step as the state machine does: the saga state plus which attempt this is. */
export const invokeStep = (step: SagaHandler, order: unknown, attempt = 0): Promise<unknown> =>
  step({ order, attempt }, lambdaContext());
