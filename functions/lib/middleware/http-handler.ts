import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type {
  APIGatewayProxyEventV2,
  APIGatewayProxyStructuredResultV2,
  Context,
} from 'aws-lambda';
import { Unavailable } from '../errors';
import { toHttpError } from './http-errors';
import { headerValue, parseRequest, type ParsedRequest, type RequestSchemas } from './http-request';
import { logger } from '../logger';
import { coldStartMetric, recordMetricsTogether } from '../metrics';
import { traceInvocation } from '../tracer';
import { tagInvocation } from '../invocation-tags';

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

/**
 * How long before the function's own timeout a request still running is answered 503
 * UNAVAILABLE instead (middy's early timeout, from context.getRemainingTimeInMillis): the answer
 * must leave the function before Lambda (or serverless-offline, locally) cuts it off, which would
 * reach the client as a 5xx without the contract's body, or locally as a 200 carrying
 * `{"errorMessage":"[504] - Lambda timeout."}`. A second leaves room for a busy event loop.
 */
export const ANSWER_BEFORE_TIMEOUT_MS = 1000;

const tooLate = (): never => {
  throw new Unavailable('The shop could not finish the request in time; try again later');
};

type HttpRequest = middy.Request<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>;

// Per route, as the handler saw it: the same numbers on AWS and locally, which API Gateway's own
// metrics (per API, in resources/observability.yml) are not.
const httpMetrics = (): middy.MiddlewareObj<
  APIGatewayProxyEventV2,
  APIGatewayProxyStructuredResultV2
> => {
  const startedAt = new WeakMap<HttpRequest, number>();
  const record = (request: HttpRequest): void => {
    const started = startedAt.get(request);
    if (started === undefined) return;
    startedAt.delete(request);
    const route = { route: request.event.routeKey };
    const status = request.response?.statusCode ?? 500;
    recordMetricsTogether(
      {
        apiRequests: 1,
        apiClientErrors: status >= 400 && status < 500 ? 1 : 0,
        apiServerErrors: status >= 500 ? 1 : 0,
        apiLatency: performance.now() - started,
      },
      route,
    );
  };
  return {
    before: (request) => {
      startedAt.set(request, performance.now());
    },
    after: record,
    // Runs after errorResponses() (middy runs onError last-used first): the error's status is set.
    onError: record,
  };
};

// The request's correlation id: the caller's own (x-correlation-id) so a client can follow its
// request, else API Gateway's request id. It goes on every log line of the request, and on into
// the saga and the events an order's request starts. A header that is not a plain id (too long,
// odd characters) is ignored rather than refused: it is the caller's convenience, and it must
// never fail the saga input's schema later.
const CORRELATION_ID = /^[\w.:-]{1,128}$/;
const correlationId = (): middy.MiddlewareObj<APIGatewayProxyEventV2> => ({
  before: ({ event }) => {
    const callers = headerValue(event, 'x-correlation-id');
    tagInvocation({
      correlationId:
        callers !== undefined && CORRELATION_ID.test(callers)
          ? callers
          : event.requestContext.requestId,
    });
  },
});

/** The one middleware stack for HTTP API (payload v2) handlers. */
export const httpHandler = (route: HttpRoute) =>
  middy(
    async (
      event: APIGatewayProxyEventV2,
      context: Context,
    ): Promise<APIGatewayProxyStructuredResultV2> => toResult(await route(event, context)),
    { timeoutEarlyInMillis: ANSWER_BEFORE_TIMEOUT_MS, timeoutEarlyResponse: tooLate },
  )
    .use(traceInvocation())
    .use(coldStartMetric())
    .use(httpMetrics())
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(correlationId())
    .use(errorResponses());

export type RouteRequest<S extends RequestSchemas, C> = ParsedRequest<S> & {
  caller: C;
  event: APIGatewayProxyEventV2;
  context: Context;
};

/** Who may call a route: resolves to the caller, or throws Unauthenticated / Forbidden. */
export type Authorize<C> = (event: APIGatewayProxyEventV2) => Promise<C>;

/**
 * A route: authorize the caller first (an unauthenticated client learns nothing about the
 * request's shape), then read the request against its schemas, then run the handler.
 */
export const route = <S extends RequestSchemas, C>(
  options: { schemas: S; authorize: Authorize<C> },
  handler: (request: RouteRequest<S, C>) => Promise<HttpResponse> | HttpResponse,
) =>
  httpHandler(async (event, context) => {
    const caller = await options.authorize(event);
    return handler({ ...parseRequest(event, options.schemas), caller, event, context });
  });

/** A route anyone may call (API.md: **public**). */
export const publicRoute = <S extends RequestSchemas>(
  schemas: S,
  handler: (request: RouteRequest<S, undefined>) => Promise<HttpResponse> | HttpResponse,
) => route({ schemas, authorize: () => Promise.resolve(undefined) }, handler);
