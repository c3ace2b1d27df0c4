import {
  OpenAPIRegistry,
  OpenApiGeneratorV31,
  type ResponseConfig,
  type RouteConfig,
} from '@asteasolutions/zod-to-openapi';
import * as z from 'zod';
import { SAGA_STEPS } from '../order-saga';
import { ERROR_STATUSES, errorResponseSchema, type ErrorCode } from './common';
import { ROUTES, type RouteContract } from './routes';

// The OpenAPI 3.1 document of the HTTP API, built from the route table (routes.ts) and the zod
// schemas the handlers validate with, by @asteasolutions/zod-to-openapi. GET /openapi.json
// answers it; `npm run openapi` writes it to docs/openapi.json.

const BEARER = 'bearerAuth';
const JSON_TYPE = 'application/json';

const idempotencyKeyHeader = z.string().min(1).max(128).optional().meta({
  description:
    'Repeats with the same key and body answer 200 with the first answer and change nothing; another body is 422 IDEMPOTENCY_KEY_REUSED. Kept for a day.',
  example: 'c1b9f0e2-order-1',
});

const faultInjectionHeader = z
  .string()
  .regex(
    new RegExp(
      `^(?:(?:${SAGA_STEPS.join('|')})=(?:error|error-once|error-until-redrive))(?:,(?:${SAGA_STEPS.join('|')})=(?:error|error-once|error-until-redrive))*$`,
    ),
  )
  .optional()
  .meta({
    description:
      'Local and test stages only (SHOP_FAULT_INJECTION=enabled), ignored elsewhere: `<step>=error|error-once[,…]` makes a saga step fail, to drive the saga down a failure path.',
    example: 'CapturePayment=error',
  });

/** The error codes a route can answer: its own, and those its access and request imply. */
export const errorCodesOf = (route: RouteContract): ErrorCode[] => {
  const codes = new Set<ErrorCode>(route.errors);
  if (route.access !== 'public') codes.add('UNAUTHENTICATED');
  if (route.access === 'admin') codes.add('FORBIDDEN');
  if (route.params || route.query || route.body || route.idempotent) codes.add('VALIDATION_FAILED');
  if (route.body) {
    codes.add('MALFORMED_JSON');
    codes.add('UNSUPPORTED_MEDIA_TYPE');
  }
  if (!route.unparsed) codes.add('PAYLOAD_TOO_LARGE');
  if (route.idempotent) {
    // A repeat that waited too long for the first request to finish.
    codes.add('CONFLICT');
    codes.add('IDEMPOTENCY_KEY_REUSED');
  }
  codes.add('INTERNAL');
  codes.add('UNAVAILABLE');
  return [...codes];
};

const errorResponses = (route: RouteContract): Record<number, ResponseConfig> => {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of errorCodesOf(route)) {
    const status = ERROR_STATUSES[code];
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  return Object.fromEntries(
    [...byStatus].map(([status, codes]) => [
      status,
      {
        description: codes.map((code) => `\`${code}\``).join(', '),
        content: { [JSON_TYPE]: { schema: route.errorBodies?.[status] ?? errorResponseSchema } },
        ...(status === 503
          ? {
              headers: {
                'Retry-After': {
                  description: 'Seconds to wait before trying again',
                  schema: { type: 'string' },
                },
              },
            }
          : {}),
      } satisfies ResponseConfig,
    ]),
  );
};

const successResponses = (route: RouteContract): Record<number, ResponseConfig> =>
  Object.fromEntries(
    Object.entries(route.responses).map(([status, response]) => [
      status,
      {
        description: response.description,
        content: {
          [JSON_TYPE]: {
            schema: response.body ?? z.record(z.string(), z.unknown()).meta({ example: {} }),
          },
        },
        ...(response.headers
          ? {
              headers: Object.fromEntries(
                Object.entries(response.headers).map(([name, example]) => [
                  name,
                  { required: true, schema: { type: 'string', example } },
                ]),
              ),
            }
          : {}),
      } satisfies ResponseConfig,
    ]),
  );

const requestHeaders = (route: RouteContract): z.ZodObject | undefined => {
  const headers = {
    ...(route.idempotent ? { 'Idempotency-Key': idempotencyKeyHeader } : {}),
    ...(route.faultInjection ? { 'X-Fault-Injection': faultInjectionHeader } : {}),
  };
  return Object.keys(headers).length > 0 ? z.object(headers) : undefined;
};

const operationOf = (route: RouteContract): RouteConfig => {
  const headers = requestHeaders(route);
  return {
    method: route.method,
    path: route.path,
    operationId: `${route.method}${route.path.replace(/[{}]/g, '').replace(/[/.](\w)/g, (_, c: string) => c.toUpperCase())}`,
    tags: [route.tag],
    summary: route.summary,
    description: [route.description, `Access: **${route.access}**.`].filter(Boolean).join('\n\n'),
    ...(route.access === 'public' ? { security: [] } : { security: [{ [BEARER]: [] }] }),
    request: {
      ...(route.params ? { params: route.params } : {}),
      ...(route.query ? { query: route.query } : {}),
      ...(headers ? { headers } : {}),
      ...(route.body
        ? { body: { required: true, content: { [JSON_TYPE]: { schema: route.body } } } }
        : {}),
    },
    responses: { ...successResponses(route), ...errorResponses(route) },
  };
};

export interface DocumentOptions {
  /** The API's base URL, e.g. the deployed stage's; left out, clients use the document's own host. */
  serverUrl?: string;
}

export function buildOpenApiDocument(options: DocumentOptions = {}) {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', BEARER, {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description: 'The `accessToken` of POST /auth/login (a Cognito access token)',
  });
  for (const route of ROUTES) registry.registerPath(operationOf(route));
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Serverless saga shop',
      version: '1.0.0',
      description:
        'The HTTP API of the shop: money in minor units (cents), one currency per deployment, every error `{ "error": { "code", "message", "details"? } }`, lists `{ items, nextCursor? }` paged with `?limit=` and `?cursor=`.',
    },
    servers: [{ url: options.serverUrl ?? '/' }],
    security: [{ [BEARER]: [] }],
  });
}
