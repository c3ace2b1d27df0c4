import * as z from 'zod';

/** API.md "Conventions": a list is `{ items, nextCursor? }`. */
export const pageOf = <T extends z.ZodType>(item: T) =>
  z.strictObject({ items: z.array(item), nextCursor: z.string().min(1).optional() });

export interface Page<T> {
  items: T[];
  nextCursor?: string;
}

/** API.md "Conventions": every error body has one shape. */
export const errorBodySchema = z.looseObject({
  error: z.strictObject({
    code: z.string().min(1),
    message: z.string(),
    details: z.unknown().optional(),
  }),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;
