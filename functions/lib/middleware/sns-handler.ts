import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { Context, SNSEvent } from 'aws-lambda';
import * as z from 'zod';
import { InvalidEventMessage } from '../errors';
import { logger } from '../logger';
import { coldStartMetric } from '../metrics';
import { traceInvocation } from '../tracer';
import { tagMessage, tagsOfEvent } from '../invocation-tags';

export const parseEventMessage = <S extends z.ZodType>(schema: S, message: string): z.output<S> => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(message);
  } catch {
    throw new InvalidEventMessage('Event message is not JSON');
  }
  const result = schema.safeParse(parsed);
  if (!result.success) {
    throw new InvalidEventMessage(`Invalid event message: ${z.prettifyError(result.error)}`, {
      details: result.error.issues,
    });
  }
  return result.data;
};

const logEventErrors = (): middy.MiddlewareObj<SNSEvent, void> => ({
  onError: ({ error }) => {
    logger.error('Event handling failed', error ?? 'unknown error');
  },
});

/**
 * The one middleware stack for SNS subscribers: each record's message is
 * parsed with the schema and handled in turn. A failure fails the invocation,
 * so SNS retries it and finally sends it to the subscription's dead-letter
 * queue; handlers must therefore be idempotent.
 */
export const snsHandler = <S extends z.ZodType>(
  schema: S,
  onMessage: (message: z.output<S>, context: Context) => Promise<void>,
) =>
  middy(async (event: SNSEvent, context: Context): Promise<void> => {
    for (const record of event.Records) {
      const message = parseEventMessage(schema, record.Sns.Message);
      // The outbox publisher's message attribute (functions/lib/outbox.ts): the correlation id of
      // the request that led to the event.
      const correlationId = record.Sns.MessageAttributes?.correlationId?.Value;
      tagMessage({ ...tagsOfEvent(message), correlationId });
      await onMessage(message, context);
    }
  })
    .use(traceInvocation())
    .use(coldStartMetric())
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(logEventErrors());
