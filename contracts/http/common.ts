import * as z from 'zod';
import { pageQuerySchema } from '../../functions/lib/dynamo/pagination';
import { currencyCode, id } from '../fields';

// What every route of the HTTP API shares (API.md "Conventions"): the error body, money, times,
// lists and their paging. `.meta({ id })` names a schema in the OpenAPI document's components.

export { pageQuerySchema };

/** Every error code of API.md's table, with its status. */
export const ERROR_STATUSES = {
  VALIDATION_FAILED: 400,
  MALFORMED_JSON: 400,
  UNKNOWN_PRODUCT: 400,
  UNKNOWN_SLOT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  EMAIL_TAKEN: 409,
  DUPLICATE_ORDER: 409,
  CONFLICT: 409,
  INSUFFICIENT_FUNDS: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  IDEMPOTENCY_KEY_REUSED: 422,
  INTERNAL: 500,
  NOT_READY: 503,
  UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUSES;

const errorCodes = Object.keys(ERROR_STATUSES) as [ErrorCode, ...ErrorCode[]];

export const errorSchema = z
  .strictObject({
    code: z.enum(errorCodes),
    message: z.string(),
    details: z
      .unknown()
      .optional()
      .meta({ description: 'What was wrong, e.g. the invalid fields: `[{field, message}]`' }),
  })
  .meta({ id: 'Error' });

export const errorResponseSchema = z.strictObject({ error: errorSchema }).meta({
  id: 'ErrorResponse',
  description: 'The one shape of every error (API.md)',
  example: { error: { code: 'NOT_FOUND', message: 'Order not found' } },
});

export const idSchema = id;
export const currencySchema = currencyCode.meta({
  description: 'ISO 4217; one per deployment (SHOP_CURRENCY)',
  example: 'USD',
});
export const timestampSchema = z.iso
  .datetime({ offset: true })
  .meta({ example: '2030-01-01T10:00:00.000Z' });
/** Money in minor units (cents). */
export const amountSchema = z.int().min(0);

/** `{ items, nextCursor? }`, the shape of every list. */
export const pageOf = <T extends z.ZodType>(item: T, name: string) =>
  z
    .strictObject({
      items: z.array(item),
      nextCursor: z
        .string()
        .min(1)
        .optional()
        .meta({ description: 'Give as `?cursor=` for the next page; absent on the last' }),
    })
    .meta({ id: name });

export interface Page<T> {
  items: T[];
  nextCursor?: string;
}
