import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type * as z from 'zod';
import { MalformedJson, PayloadTooLarge, UnsupportedMediaType, ValidationFailed } from '../errors';

/** API.md: a body over 64 KiB gets 413 PAYLOAD_TOO_LARGE. */
export const MAX_BODY_BYTES = 64 * 1024;

export interface RequestSchemas {
  body?: z.ZodType;
  params?: z.ZodType;
  query?: z.ZodType;
}

type Parsed<S extends z.ZodType | undefined> = S extends z.ZodType ? z.output<S> : undefined;

export interface ParsedRequest<S extends RequestSchemas> {
  body: Parsed<S['body']>;
  params: Parsed<S['params']>;
  query: Parsed<S['query']>;
}

/** One field the client got wrong, as `details` of a VALIDATION_FAILED answer lists them. */
export interface FieldProblem {
  field: string;
  message: string;
}

/**
 * Reads an HTTP API request against its schemas, in the order a client can act on: too large,
 * not JSON, then field by field. Every failure is a contract 4xx; nothing here can 5xx.
 */
export function parseRequest<S extends RequestSchemas>(
  event: APIGatewayProxyEventV2,
  schemas: S,
): ParsedRequest<S> {
  const text = bodyText(event);
  return {
    body: (schemas.body
      ? validate(schemas.body, parseJson(event, text), 'body')
      : undefined) as Parsed<S['body']>,
    params: (schemas.params
      ? validate(schemas.params, event.pathParameters ?? {}, 'path')
      : undefined) as Parsed<S['params']>,
    query: (schemas.query
      ? validate(schemas.query, event.queryStringParameters ?? {}, 'query')
      : undefined) as Parsed<S['query']>,
  };
}

function bodyText(event: APIGatewayProxyEventV2): string {
  const raw = event.body ?? '';
  const text = event.isBase64Encoded ? Buffer.from(raw, 'base64').toString('utf8') : raw;
  if (Buffer.byteLength(text, 'utf8') > MAX_BODY_BYTES) {
    throw new PayloadTooLarge(`The body is over ${MAX_BODY_BYTES} bytes`);
  }
  return text;
}

function parseJson(event: APIGatewayProxyEventV2, text: string): unknown {
  const contentType = headerValue(event, 'content-type');
  if (contentType !== undefined && !/^application\/(.+\+)?json\b/i.test(contentType)) {
    throw new UnsupportedMediaType('The body must be application/json');
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new MalformedJson('The body is not valid JSON');
  }
}

function validate<S extends z.ZodType>(schema: S, value: unknown, where: string): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new ValidationFailed(`The request ${where} is invalid`, {
    details: result.error.issues.flatMap(problemsOf),
  });
}

function problemsOf(issue: z.core.$ZodIssue): FieldProblem[] {
  const path = issue.path.map(String);
  // Each unknown field is named by its key: `{ "price": 1 }` -> field "price".
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({ field: [...path, key].join('.'), message: 'Unknown field' }));
  }
  return [{ field: path.join('.'), message: issue.message }];
}

/** Header names are case-insensitive; API Gateway lower-cases them, clients may not. */
export function headerValue(event: APIGatewayProxyEventV2, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(event.headers ?? {})) {
    if (key.toLowerCase() === wanted) return value;
  }
  return undefined;
}
