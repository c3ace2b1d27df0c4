import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';

export interface LocalInvocation {
  functionName: string;
  /** The function's ARN; by default one of the local account (000000000000) in us-east-1. */
  functionArn?: string;
  memoryMB?: number;
  /** What getRemainingTimeInMillis counts down from, as Lambda does from the function's timeout. */
  timeoutSeconds?: number;
  /** Who runs the handler outside Lambda (the embedded stack, a test, the bench): the log stream. */
  runner: string;
}

/**
 * The context Lambda hands a handler, for running one in this process: the embedded stack's saga
 * steps, the tests and the bench all call handlers with it. Handlers here return promises;
 * callback-style completion is refused.
 */
export function lambdaContext({
  functionName,
  functionArn = `arn:aws:lambda:us-east-1:000000000000:function:${functionName}`,
  memoryMB = 512,
  timeoutSeconds = 6,
  runner,
}: LocalInvocation): Context {
  const deadline = Date.now() + timeoutSeconds * 1000;
  const notSupported = (): never => {
    throw new Error('Callback-style completion is not supported: return a promise');
  };
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: functionArn,
    memoryLimitInMB: String(memoryMB),
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: runner,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: notSupported,
    fail: notSupported,
    succeed: notSupported,
  };
}
