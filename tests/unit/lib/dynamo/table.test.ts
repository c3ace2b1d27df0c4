import {
  GetCommand,
  PutCommand,
  TransactGetCommand,
  TransactWriteCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { tableAccess, type Item } from '../../../../functions/lib/dynamo/table';

// A client that answers each command with the next canned output and keeps
// what was sent, so the tests need no network.
const fakeClient = (...outputs: unknown[]) => {
  const sent: unknown[] = [];
  const client = {
    send: (command: unknown) => {
      sent.push(command);
      const output = outputs.shift();
      return output instanceof Error ? Promise.reject(output) : Promise.resolve(output ?? {});
    },
  } as unknown as DynamoDBDocumentClient;
  return { client, sent };
};

const key = (id: string) => ({ pk: `THING#${id}`, sk: 'THING' });
const toName = (item: Item) => `name:${item.name as string}`;

describe('tableAccess', () => {
  it('reads one item consistently and maps it', async () => {
    const { client, sent } = fakeClient({ Item: { ...key('1'), name: 'one' } });

    await expect(tableAccess('things', client).get(key('1'), toName)).resolves.toBe('name:one');
    expect(sent).toHaveLength(1);
    expect(sent[0]).toBeInstanceOf(GetCommand);
    expect((sent[0] as GetCommand).input).toEqual({
      TableName: 'things',
      Key: key('1'),
      ConsistentRead: true,
    });
  });

  it('reads undefined, without mapping, when the item does not exist', async () => {
    const { client } = fakeClient({});
    const to = jest.fn(toName);

    await expect(tableAccess('things', client).get(key('1'), to)).resolves.toBeUndefined();
    expect(to).not.toHaveBeenCalled();
  });

  it('reads several items in one transaction and answers in the order of the keys', async () => {
    const { client, sent } = fakeClient({
      Responses: [{ Item: { name: 'one' } }, {}, { Item: { name: 'three' } }],
    });

    await expect(
      tableAccess('things', client).getAll([key('1'), key('2'), key('3')]),
    ).resolves.toEqual([{ name: 'one' }, undefined, { name: 'three' }]);
    expect(sent[0]).toBeInstanceOf(TransactGetCommand);
    expect((sent[0] as TransactGetCommand).input).toEqual({
      TransactItems: [
        { Get: { TableName: 'things', Key: key('1') } },
        { Get: { TableName: 'things', Key: key('2') } },
        { Get: { TableName: 'things', Key: key('3') } },
      ],
    });
  });

  it('answers undefined for every key when the transaction returns no responses', async () => {
    const { client } = fakeClient({});

    await expect(tableAccess('things', client).getAll([key('1'), key('2')])).resolves.toEqual([
      undefined,
      undefined,
    ]);
  });

  it('puts a new item only where none exists', async () => {
    const { client, sent } = fakeClient({});
    const item = { ...key('1'), name: 'one' };

    await tableAccess('things', client).putNew(item);
    expect(sent[0]).toBeInstanceOf(PutCommand);
    expect((sent[0] as PutCommand).input).toEqual({
      TableName: 'things',
      Item: item,
      ConditionExpression: 'attribute_not_exists(pk)',
    });
  });

  it('propagates the failed condition when the item already exists', async () => {
    const failure = Object.assign(new Error('exists'), { name: 'ConditionalCheckFailedException' });
    const { client } = fakeClient(failure);

    await expect(tableAccess('things', client).putNew(key('1'))).rejects.toBe(failure);
  });

  it('writes the given items in one transaction, in order', async () => {
    const { client, sent } = fakeClient({});
    const table = tableAccess('things', client);
    const items = [
      table.putNewItem({ ...key('1'), status: 'OPEN' }),
      table.statusChangeItem(key('2'), 'OPEN', 'CLOSED', '2030-01-01T00:00:00.000Z'),
    ];

    await table.transact(items);
    expect(sent[0]).toBeInstanceOf(TransactWriteCommand);
    expect((sent[0] as TransactWriteCommand).input).toEqual({
      TransactItems: [
        {
          Put: {
            TableName: 'things',
            Item: { ...key('1'), status: 'OPEN' },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        {
          Update: {
            TableName: 'things',
            Key: key('2'),
            UpdateExpression: 'SET #status = :to, updatedAt = :now',
            ConditionExpression: '#status = :from',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: {
              ':from': 'OPEN',
              ':to': 'CLOSED',
              ':now': '2030-01-01T00:00:00.000Z',
            },
          },
        },
      ],
    });
  });
});
