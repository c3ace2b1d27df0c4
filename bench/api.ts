import type * as z from 'zod';

/**
 * The shop's HTTP API as a client sees it (../shared/API.md): the bench's seeding and order load,
 * and the tests' HTTP client (tests/support/http-client.ts).
 */
export interface ApiResponse {
  status: number;
  headers: Headers;
  /** The parsed JSON body, the text when it is not JSON, undefined when empty. */
  body: unknown;
}

export interface RequestOptions {
  /** Sent as `Authorization: Bearer <token>`. */
  token?: string;
  headers?: Record<string, string>;
  /** Sent as it is instead of the JSON of `body`: malformed JSON, huge bodies, other types. */
  rawBody?: string;
  timeoutMs?: number;
}

export class ShopApi {
  constructor(readonly baseUrl: string) {}

  async request(
    method: string,
    path: string,
    body?: unknown,
    { token, headers = {}, rawBody, timeoutMs = 30_000 }: RequestOptions = {},
  ): Promise<ApiResponse> {
    const hasBody = rawBody !== undefined || body !== undefined;
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        ...(hasBody ? { 'content-type': 'application/json' } : {}),
        ...(token !== undefined ? { authorization: `Bearer ${token}` } : {}),
        ...headers,
      },
      ...(hasBody ? { body: rawBody ?? JSON.stringify(body) } : {}),
      signal: AbortSignal.timeout(Math.max(1, Math.ceil(timeoutMs))),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: parseBody(text) };
  }

  /** The request must answer `status`; its body is checked against `schema`. */
  async expect<S extends z.ZodType>(
    status: number,
    schema: S,
    method: string,
    path: string,
    body?: unknown,
    options?: RequestOptions,
  ): Promise<z.output<S>> {
    const response = await this.request(method, path, body, options);
    if (response.status !== status) {
      throw new Error(
        `${method} ${path} answered ${response.status}: ${JSON.stringify(response.body).slice(0, 500)}`,
      );
    }
    return schema.parse(response.body);
  }
}

const parseBody = (text: string): unknown => {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
};
