import * as z from 'zod';
import { DataIntegrityError } from '../errors';
import type { Item } from './table';

/**
 * The mapper of one kind of stored item: the item parsed by the schema of what its repository
 * writes (a `z.object`, so keys and index attributes are dropped; a `.transform` may build the
 * domain value). An item the schema refuses is corrupt, and the read fails with a
 * DataIntegrityError, which the stacks log and answer as a 500: a wrong answer is worse than
 * none. The error names the item's key and the refused fields, never their values.
 */
export const storedItem =
  <Schema extends z.ZodType>(schema: Schema) =>
  (item: Item): z.output<Schema> => {
    const parsed = schema.safeParse(item);
    if (parsed.success) return parsed.data;
    throw new DataIntegrityError(
      `The stored item ${keyOf(item)} does not match its schema:\n${z.prettifyError(parsed.error)}`,
    );
  };

const keyOf = ({ pk, sk }: Item): string => `${String(pk)} / ${String(sk)}`;
