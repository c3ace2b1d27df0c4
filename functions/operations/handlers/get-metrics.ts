import * as z from 'zod';
import { adminRoute } from '../../lib/middleware/http-auth';
import { json } from '../../lib/middleware/http-handler';
import { operationsConfig } from '../config';
import { createMetricsReader } from '../metrics-reader';

const reader = createMetricsReader(operationsConfig.POWERTOOLS_METRICS_NAMESPACE);

const HOUR_MS = 60 * 60 * 1000;
/** A chart's worth: more points than this is a request for a longer period. */
const MAX_POINTS = 1440;

const querySchema = z
  .strictObject({
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
    // CloudWatch's periods: a multiple of a minute (sub-minute needs high-resolution metrics).
    period: z.coerce
      .number()
      .int()
      .min(60)
      .max(86_400)
      .refine((seconds) => seconds % 60 === 0, 'must be a multiple of 60')
      .default(60),
  })
  .transform(({ from, to, period }) => {
    const end = to === undefined ? new Date() : new Date(to);
    const start = from === undefined ? new Date(end.getTime() - HOUR_MS) : new Date(from);
    return { from: start, to: end, period };
  })
  .refine(({ from, to }) => from < to, { message: 'from must be before to', path: ['from'] })
  .refine(({ from, to, period }) => (to.getTime() - from.getTime()) / 1000 / period <= MAX_POINTS, {
    message: `at most ${MAX_POINTS} periods between from and to`,
    path: ['period'],
  });

/** GET /admin/metrics (API.md Operations): the shop's metrics, read from CloudWatch. */
export const handler = adminRoute({ query: querySchema }, async ({ query }) =>
  json(200, {
    from: query.from.toISOString(),
    to: query.to.toISOString(),
    period: query.period,
    series: await reader.readAdminSeries(query),
  }),
);
