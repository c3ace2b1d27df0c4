import * as z from 'zod';
import { ServiceError } from '../errors';
import type { Action } from './context';
import { parseRequest } from './request';

const PAGE_SIZE = 500;
const RECENTLY_ACTIVE_MS = 3 * 60 * 60 * 1000;

const requestSchema = z.object({
  Namespace: z.string().min(1).optional(),
  MetricName: z.string().min(1).optional(),
  Dimensions: z
    .array(z.object({ Name: z.string().min(1), Value: z.string().min(1).optional() }))
    .max(10)
    .optional(),
  RecentlyActive: z.literal('PT3H').optional(),
  NextToken: z.string().optional(),
});

const positionOf = (token: string | undefined): number => {
  if (token === undefined) return 0;
  const position = Number(Buffer.from(token, 'base64url').toString('utf8'));
  if (!Number.isSafeInteger(position) || position < 0) {
    throw new ServiceError('InvalidNextToken', 'The service couldn’t process the token.');
  }
  return position;
};

export const listMetrics: Action = (body, context) => {
  const request = parseRequest(requestSchema, body);
  const metrics = context.store.list({
    namespace: request.Namespace,
    name: request.MetricName,
    dimensions: request.Dimensions,
    since:
      request.RecentlyActive === undefined
        ? undefined
        : new Date(context.now().getTime() - RECENTLY_ACTIVE_MS),
  });
  const start = positionOf(request.NextToken);
  const end = start + PAGE_SIZE;
  return {
    Metrics: metrics.slice(start, end).map((metric) => ({
      Namespace: metric.namespace,
      MetricName: metric.name,
      Dimensions: metric.dimensions,
    })),
    ...(end < metrics.length && {
      NextToken: Buffer.from(String(end)).toString('base64url'),
    }),
  };
};
