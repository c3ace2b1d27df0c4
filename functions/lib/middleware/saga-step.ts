import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { Context } from 'aws-lambda';
import * as z from 'zod';
import { DomainError, InvalidSagaInput, TransientError } from '../errors';
import { faultDue, faultInjectionEnabled } from './fault-injection';
import { logger } from '../logger';
import {
  sagaTaskInputSchema,
  type OrderSagaInput,
  type SagaStepName,
  type SagaTaskInput,
} from '../../../contracts/order-saga';
import { coldStartMetric, recordMetric } from '../metrics';
import { isTransient } from './transient-errors';
import { traceInvocation } from '../tracer';
import { tagInvocation } from '../invocation-tags';

export type SagaStep<TResult> = (
  input: OrderSagaInput,
  context: Context,
) => TResult | Promise<TResult>;

export const parseSagaInput = (event: unknown): SagaTaskInput => {
  const result = sagaTaskInputSchema.safeParse(event);
  if (!result.success) {
    throw new InvalidSagaInput(`Invalid saga input: ${z.prettifyError(result.error)}`, {
      details: result.error.issues,
    });
  }
  return result.data;
};

// Lambda reports `error.name` as `errorType`, which the state machine's Retry and Catch match:
// business errors propagate unchanged, transient ones under the one name the Retry lists.
const logStepErrors = (stepName: string): middy.MiddlewareObj<unknown, unknown> => ({
  onError: (request) => {
    const { error } = request;
    if (isTransient(error)) {
      logger.warn(`${stepName} failed, worth a retry`, {
        errorName: error?.name,
        errorMessage: error?.message,
      });
      request.error = new TransientError(`${error?.name}: ${error?.message}`);
    } else if (error instanceof DomainError) {
      logger.warn(`${stepName} failed`, { errorName: error.name, errorMessage: error.message });
    } else {
      logger.error(`${stepName} failed`, error ?? 'unknown error');
    }
  },
});

/** The one middleware stack for saga task handlers. */
export const sagaStep = <TResult>(stepName: SagaStepName, step: SagaStep<TResult>) =>
  middy(async (event: unknown, context: Context): Promise<TResult> => {
    const { order, attempt, redriveCount } = parseSagaInput(event);
    logger.appendKeys({ step: stepName, attempt, redriveCount });
    tagInvocation(order);
    recordMetric('sagaStepAttempts', 1, { step: stepName });
    if (attempt > 0) recordMetric('sagaStepRetries', 1, { step: stepName });
    if (
      faultInjectionEnabled() &&
      faultDue(order.faultInjection, stepName, { attempt, redriveCount })
    ) {
      throw new TransientError(`Fault injected into ${stepName} (X-Fault-Injection)`);
    }
    const result = await step(order, context);
    logger.info(`${stepName} done`, { result });
    return result;
  })
    .use(traceInvocation())
    .use(coldStartMetric())
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(logStepErrors(stepName));
