import {
  GetCommand,
  PutCommand,
  TransactGetCommand,
  TransactWriteCommand,
  type DynamoDBDocumentClient,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';

// The table plumbing every repository shares. What stays in a repository is
// what is its own: the key design, the mapping of items, the conditions and
// the plans.

export type Item = Record<string, unknown>;
export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

// Every item has a `pk`, so its absence means the item does not exist.
const NOT_EXISTS = 'attribute_not_exists(pk)';

export const tableAccess = (tableName: string, client: DynamoDBDocumentClient) => ({
  /** One item, strongly consistent, so a plan starts from the latest write. */
  async get<T>(key: Item, to: (item: Item) => T): Promise<T | undefined> {
    const { Item } = await client.send(
      new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }),
    );
    return Item ? to(Item) : undefined;
  },

  /** Several items as of one instant, in the order of the keys (undefined where absent). */
  async getAll(keys: readonly Item[]): Promise<(Item | undefined)[]> {
    const { Responses } = await client.send(
      new TransactGetCommand({
        TransactItems: keys.map((key) => ({ Get: { TableName: tableName, Key: key } })),
      }),
    );
    return keys.map((_, index) => Responses?.[index]?.Item);
  },

  /** Writes an item that must not exist yet; ConditionalCheckFailedException when it does. */
  async putNew(item: Item): Promise<void> {
    await client.send(
      new PutCommand({ TableName: tableName, Item: item, ConditionExpression: NOT_EXISTS }),
    );
  },

  /** The same write as `putNew`, as one item of a transaction. */
  putNewItem: (item: Item): TransactItem => ({
    Put: { TableName: tableName, Item: item, ConditionExpression: NOT_EXISTS },
  }),

  /**
   * Moves an item's `status` on, as one item of a transaction, guarded by the
   * status as read: a repeated or concurrent step cannot apply twice.
   */
  statusChangeItem: (key: Item, from: string, to: string, now: string): TransactItem => ({
    Update: {
      TableName: tableName,
      Key: key,
      UpdateExpression: 'SET #status = :to, updatedAt = :now',
      ConditionExpression: '#status = :from',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':from': from, ':to': to, ':now': now },
    },
  }),

  /** All of the writes or none. */
  async transact(items: TransactItem[]): Promise<void> {
    await client.send(new TransactWriteCommand({ TransactItems: items }));
  },
});
