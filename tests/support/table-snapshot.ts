import { ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { dynamoDb } from '../../functions/lib/aws/dynamodb';

type Item = Record<string, unknown>;

const byKey = (a: Item, b: Item): number =>
  `${String(a.pk)}\u0000${String(a.sk)}`.localeCompare(`${String(b.pk)}\u0000${String(b.sk)}`);

/** Every item of the table, read with strongly consistent scans, sorted by key. */
export const scanTable = async (
  tableName: string,
  client: DynamoDBDocumentClient = dynamoDb,
): Promise<Item[]> => {
  const items: Item[] = [];
  let startKey: Item | undefined;
  do {
    const page = await client.send(
      new ScanCommand({ TableName: tableName, ConsistentRead: true, ExclusiveStartKey: startKey }),
    );
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items.sort(byKey);
};

/**
 * A full scan of the table, keeping the items that mention any of `ids` (test files run in
 * parallel against the same tables, and each test uses ids of its own). Comparing two snapshots
 * compares every attribute of every item the test touched or could touch.
 */
export const snapshotTable = async (tableName: string, ids: readonly string[]): Promise<Item[]> =>
  (await scanTable(tableName)).filter((item) => {
    const text = JSON.stringify(item);
    return ids.some((id) => text.includes(id));
  });
