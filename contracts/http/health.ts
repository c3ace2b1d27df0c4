import * as z from 'zod';

export const healthSchema = z.strictObject({ status: z.literal('ok') }).meta({ id: 'Health' });

/** Each check's `"ok"` or a short reason it failed (API.md "Health"). */
const readinessChecksSchema = z.record(z.string(), z.string());

export const readinessSchema = z
  .strictObject({ status: z.literal('ready'), checks: readinessChecksSchema })
  .meta({ id: 'Readiness' });

/** The 503: the failing checks, with the contract's error so a client reads it the one way. */
export const notReadySchema = z
  .strictObject({
    status: z.literal('not-ready'),
    checks: readinessChecksSchema,
    error: z.strictObject({
      code: z.literal('NOT_READY'),
      message: z.string(),
      details: z.strictObject({ failing: z.array(z.string()) }),
    }),
  })
  .meta({ id: 'NotReady' });
