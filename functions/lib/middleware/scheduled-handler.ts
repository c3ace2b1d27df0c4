import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { Context, ScheduledEvent } from 'aws-lambda';
import { logger } from '../logger';
import { coldStartMetric } from '../metrics';

const logScheduledErrors = (): middy.MiddlewareObj<ScheduledEvent, unknown> => ({
  onError: ({ error }) => {
    logger.error('Scheduled run failed', error ?? 'unknown error');
  },
});

/**
 * The one middleware stack for a function an EventBridge schedule rule invokes (functions.yml
 * `schedule` events; locally embedded-stack/scheduler.ts on the same rate). The job gets the
 * time the rule fired; what it answers is logged, and a failure is logged and thrown, so the
 * invocation counts as an error (Lambda's Errors metric) and the next run tries again.
 */
export const scheduledHandler = <R>(job: (firedAt: Date) => Promise<R>) =>
  middy(async (event: ScheduledEvent, _context: Context): Promise<R> => {
    const fired = Date.parse(event.time);
    const result = await job(Number.isNaN(fired) ? new Date() : new Date(fired));
    logger.info('Scheduled run done', { result });
    return result;
  })
    .use(coldStartMetric())
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(logScheduledErrors());
