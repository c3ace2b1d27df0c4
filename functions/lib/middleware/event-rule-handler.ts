import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { Context } from 'aws-lambda';
import * as z from 'zod';
import { InvalidEventMessage } from '../errors';
import { logger } from '../logger';

/**
 * The one middleware stack for functions an EventBridge rule invokes (an AWS service's event, or
 * a schedule): the event is checked against the schema, a failure is logged and fails the
 * invocation, which EventBridge retries, so handlers must be idempotent.
 */
export const eventRuleHandler = <S extends z.ZodType, R>(
  schema: S,
  onEvent: (event: z.output<S>, context: Context) => Promise<R>,
) =>
  middy(async (event: unknown, context: Context): Promise<R> => {
    const parsed = schema.safeParse(event);
    if (!parsed.success) {
      throw new InvalidEventMessage(`Invalid event: ${z.prettifyError(parsed.error)}`, {
        details: parsed.error.issues,
      });
    }
    return onEvent(parsed.data, context);
  })
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use({
      onError: ({ error }: { error: Error | null }) => {
        logger.error('Event rule handling failed', error ?? 'unknown error');
      },
    });
