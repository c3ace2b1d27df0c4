import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { dynamoDb } from '../../functions/shared/aws-clients';

type Item = Record<string, unknown>;

/**
 * A full, strongly consistent scan of the table, keeping the items that
 * mention any of `ids` (test files run in parallel against the same tables,
 * and each test uses ids of its own), sorted by key. Comparing two snapshots
 * compares every attribute of every item the test touched or could touch.
 */
export const snapshotTable = async (tableName: string, ids: readonly string[]): Promise<Item[]> => {
  const items: Item[] = [];
  let startKey: Item | undefined;
  do {
    const page = await dynamoDb.send(
      new ScanCommand({ TableName: tableName, ConsistentRead: true, ExclusiveStartKey: startKey }),
    );
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items
    .filter((item) => {
      const text = JSON.stringify(item);
      return ids.some((id) => text.includes(id));
    })
    .sort((a, b) =>
      `${String(a.pk)}\u0000${String(a.sk)}`.localeCompare(`${String(b.pk)}\u0000${String(b.sk)}`),
    );
};
