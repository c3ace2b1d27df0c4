import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type {
  APIGatewayProxyEventV2,
  APIGatewayProxyStructuredResultV2,
  Context,
} from 'aws-lambda';
import { toHttpError } from './http-errors';
import { logger } from './logger';

export interface HttpResponse {
  statusCode: number;
  /** Serialised as JSON; omitted when undefined. */
  body?: unknown;
  headers?: Record<string, string>;
}

export type HttpRoute = (
  event: APIGatewayProxyEventV2,
  context: Context,
) => HttpResponse | Promise<HttpResponse>;

export const json = (
  statusCode: number,
  body: unknown,
  headers?: Record<string, string>,
): HttpResponse => ({ statusCode, body, ...(headers ? { headers } : {}) });

const toResult = ({
  statusCode,
  body,
  headers,
}: HttpResponse): APIGatewayProxyStructuredResultV2 => ({
  statusCode,
  headers: { 'content-type': 'application/json', ...headers },
  ...(body === undefined ? {} : { body: JSON.stringify(body) }),
});

const errorResponses = (): middy.MiddlewareObj<
  APIGatewayProxyEventV2,
  APIGatewayProxyStructuredResultV2
> => ({
  onError: (request) => {
    request.response = toResult(toHttpError(request.error));
  },
});

/** The one middleware stack for HTTP API (payload v2) handlers. */
export const httpHandler = (route: HttpRoute) =>
  middy(
    async (
      event: APIGatewayProxyEventV2,
      context: Context,
    ): Promise<APIGatewayProxyStructuredResultV2> => toResult(await route(event, context)),
  )
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(errorResponses());
