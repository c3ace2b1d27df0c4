import autocannon from 'autocannon';
import { round } from './stats';

/**
 * The HTTP layer alone, with autocannon: one request at a fixed concurrency, as fast as it is
 * answered. GET /health is serverless-offline plus the smallest handler; GET /orders/{id} adds
 * the token check and one GetItem, which is what every poll of the order load costs. Set against
 * POST /orders, they show what the HTTP side of an order costs before the saga does anything.
 */
export interface HttpPhaseFigures {
  path: string;
  connections: number;
  seconds: number;
  requests: number;
  requestsPerSecond: number;
  latencyMs: { mean: number; p50: number; p90: number; p99: number; max: number };
  non2xx: number;
  errors: number;
}

export async function measureEndpoint(
  baseUrl: string,
  path: string,
  { connections, seconds, token }: { connections: number; seconds: number; token?: string },
): Promise<HttpPhaseFigures> {
  const options: autocannon.Options = {
    url: `${baseUrl}${path}`,
    connections,
    ...(token !== undefined ? { headers: { authorization: `Bearer ${token}` } } : {}),
  };
  // serverless-offline starts a worker per concurrent call of a function: let it start them all
  // before measuring, as Lambda would have warm instances under a steady load.
  await autocannon({ ...options, duration: Math.max(2, Math.ceil(seconds / 2)) });
  const result = await autocannon({ ...options, duration: seconds });
  return {
    path,
    connections,
    seconds,
    requests: result.requests.total,
    requestsPerSecond: round(result.requests.average),
    latencyMs: {
      mean: round(result.latency.mean),
      p50: result.latency.p50,
      p90: result.latency.p90,
      p99: result.latency.p99,
      max: result.latency.max,
    },
    non2xx: result.non2xx,
    errors: result.errors,
  };
}
