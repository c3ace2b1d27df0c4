import * as z from 'zod';
import { ValidationFailed } from '../errors';

/**
 * API.md lists: `?limit=` (1..100, default 20) and `?cursor=` page them; the answer is
 * `{ items, nextCursor? }`. The cursor is the table's own LastEvaluatedKey, made opaque.
 */
export const pageQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().min(1).max(2048).optional(),
});

export type PageQuery = z.infer<typeof pageQuerySchema>;

export interface Page<T> {
  items: T[];
  nextCursor?: string;
}

export type TableKey = Record<string, string>;

export const encodeCursor = (key: TableKey | undefined): string | undefined =>
  key ? Buffer.from(JSON.stringify(key)).toString('base64url') : undefined;

/** A cursor the client changed or made up is its mistake: 400, never a 5xx. */
export const decodeCursor = (cursor: string | undefined): TableKey | undefined => {
  if (cursor === undefined) return undefined;
  const parsed = z
    .record(z.string(), z.string())
    .safeParse(safeJson(Buffer.from(cursor, 'base64url').toString('utf8')));
  if (!parsed.success || Object.keys(parsed.data).length === 0) throw invalidCursor();
  return parsed.data;
};

export const invalidCursor = (): ValidationFailed =>
  new ValidationFailed('The cursor is not one this list gave out', {
    details: [{ field: 'cursor', message: 'Invalid cursor' }],
  });

const safeJson = (text: string): unknown => {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
};
