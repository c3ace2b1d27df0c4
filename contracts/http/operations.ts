import * as z from 'zod';
import { listAllOrdersQuerySchema } from '../../functions/orders/order-schemas';
import { timestampSchema } from './common';

// API.md "Operations (admin)" and the saga's definition. The admin order list's query is the
// orders context's own (order-schemas.ts), like the other order requests.

export { listAllOrdersQuerySchema };

/** GET /saga/definition: the deployed state machine's ASL, as Step Functions describes it. */
export const sagaDefinitionSchema = z
  .strictObject({
    stateMachineArn: z.string(),
    name: z.string(),
    type: z.string(),
    definition: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'SagaDefinition' });
export type SagaDefinitionView = z.infer<typeof sagaDefinitionSchema>;

/** GET /admin/metrics's query, as sent; the handler derives the window's defaults from it. */
export const metricsQuerySchema = z
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
  .meta({ id: 'MetricsQuery' });

export const metricsSchema = z
  .strictObject({
    from: timestampSchema,
    to: timestampSchema,
    period: z.int(),
    series: z.array(
      z.strictObject({
        name: z.string(),
        stat: z.string(),
        unit: z.string(),
        dimensions: z.record(z.string(), z.string()),
        points: z.array(z.strictObject({ t: timestampSchema, value: z.number() })),
      }),
    ),
  })
  .meta({ id: 'Metrics' });
export type Metrics = z.infer<typeof metricsSchema>;
