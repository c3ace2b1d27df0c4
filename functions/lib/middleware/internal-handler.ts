import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { Context } from 'aws-lambda';
import * as z from 'zod';
import type { InternalCall } from '../../../contracts/internal-calls';
import { DomainError, ValidationFailed } from '../errors';
import { logger } from '../logger';
import { coldStartMetric } from '../metrics';
import { traceInvocation } from '../tracer';

const logInternalErrors = (): middy.MiddlewareObj<unknown, unknown> => ({
  onError: ({ error }) => {
    if (error instanceof DomainError) {
      logger.warn('Internal call refused', { errorName: error.name, errorMessage: error.message });
    } else {
      logger.error('Internal call failed', error ?? 'unknown error');
    }
  },
});

/**
 * The one middleware stack for a read API a context publishes to the others (no HTTP route; see
 * contracts/internal-calls.ts). The request is checked against its schema, and so is the answer: the
 * asking side parses it with the same schema, so an answer that would not pass there fails here,
 * in the context that got it wrong, with that context's logs.
 */
export const internalFunction = <Q extends z.ZodType, A extends z.ZodType>(
  call: InternalCall<Q, A>,
  answer: (request: z.output<Q>, context: Context) => Promise<z.input<A>>,
) =>
  middy(async (event: unknown, context: Context): Promise<z.output<A>> => {
    const request = call.request.safeParse(event);
    if (!request.success) {
      throw new ValidationFailed(`Invalid request: ${z.prettifyError(request.error)}`, {
        details: request.error.issues,
      });
    }
    return call.answer.parse(await answer(request.data, context));
  })
    .use(traceInvocation())
    .use(coldStartMetric())
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(logInternalErrors());
