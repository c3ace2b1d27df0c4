import {
  QueryCommand,
  type DynamoDBDocumentClient,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import {
  decodeCursor,
  encodeCursor,
  invalidCursor,
  type Page,
  type PageQuery,
  type TableKey,
} from './pagination';
import type { Item } from './table';

export interface PagedQuery {
  /** The query itself: table, index, key condition, order. Limit and start key are the page's. */
  input: Omit<QueryCommandInput, 'Limit' | 'ExclusiveStartKey'>;
  /** The attributes of a position in this list: the table's key, plus the index's if any. */
  keyAttributes: readonly string[];
  /**
   * Whether a decoded cursor is a position in this very list (e.g. in the queried partition).
   * DynamoDB refuses a start key of another shape or partition with a ValidationException, and a
   * cursor of another user's list must never be taken.
   */
  isPositionIn: (key: TableKey) => boolean;
}

const isValidationException = (error: unknown): boolean =>
  error instanceof Error && error.name === 'ValidationException';

/**
 * One page of a Query as the contract's `{items, nextCursor?}`. It reads one item more than the
 * page holds, so a cursor is given only when there is more to read (the last page never leads to
 * an empty one), and the cursor is the key of the page's last item.
 */
export async function queryPage<T>(
  client: DynamoDBDocumentClient,
  query: PagedQuery,
  { limit, cursor }: PageQuery,
  to: (item: Item) => T,
): Promise<Page<T>> {
  const startKey = decodeCursor(cursor);
  if (startKey !== undefined && !isKeyOf(query, startKey)) throw invalidCursor();
  const result = await client
    .send(new QueryCommand({ ...query.input, Limit: limit + 1, ExclusiveStartKey: startKey }))
    .catch((error: unknown) => {
      // The shape was checked, but the values are still the client's: its fault, not ours.
      if (startKey !== undefined && isValidationException(error)) throw invalidCursor();
      throw error;
    });
  const items = result.Items ?? [];
  const last = items.length > limit ? items[limit - 1] : undefined;
  return {
    items: items.slice(0, limit).map(to),
    ...(last ? { nextCursor: encodeCursor(keyOf(query, last)) } : {}),
  };
}

const isKeyOf = (query: PagedQuery, key: TableKey): boolean => {
  const names = Object.keys(key);
  return (
    names.length === query.keyAttributes.length &&
    query.keyAttributes.every((name) => (key[name] ?? '') !== '') &&
    query.isPositionIn(key)
  );
};

const keyOf = (query: PagedQuery, item: Item): TableKey =>
  Object.fromEntries(query.keyAttributes.map((name) => [name, String(item[name])]));
