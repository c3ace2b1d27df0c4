/** The one way the console talks to the shop: fetch against the HTTP API of /config.json. */

/** An answer of the API that is not 2xx, with the contract's error code (API.md). */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface RequestOptions {
  body?: unknown;
  headers?: Record<string, string>;
}

export interface ApiClient {
  get: <T>(path: string) => Promise<T>;
  send: <T>(method: 'POST' | 'PUT' | 'PATCH', path: string, options?: RequestOptions) => Promise<T>;
}

interface ErrorBody {
  error?: { code?: string; message?: string };
}

export function createApiClient(baseUrl: string, token: () => string | undefined): ApiClient {
  async function request<T>(method: string, path: string, options: RequestOptions = {}) {
    const headers: Record<string, string> = { ...options.headers };
    const bearer = token();
    if (bearer) headers.Authorization = `Bearer ${bearer}`;
    if (options.body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    const text = await response.text();
    const parsed = text ? (JSON.parse(text) as unknown) : undefined;
    if (!response.ok) {
      const error = (parsed as ErrorBody | undefined)?.error;
      throw new ApiError(
        response.status,
        error?.code ?? `HTTP_${response.status}`,
        error?.message ?? response.statusText,
      );
    }
    return parsed as T;
  }
  return {
    get: (path) => request('GET', path),
    send: (method, path, options) => request(method, path, options),
  };
}
