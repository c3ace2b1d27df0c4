import type { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { queryPage, type PagedQuery } from '../../../../functions/lib/dynamo/paged-query';
import { encodeCursor } from '../../../../functions/lib/dynamo/pagination';
import type { Item } from '../../../../functions/lib/dynamo/table';

// A client that answers each Query with the next canned output and keeps what was sent.
const fakeClient = (...outputs: unknown[]) => {
  const sent: QueryCommand[] = [];
  const client = {
    send: (command: QueryCommand) => {
      sent.push(command);
      const output = outputs.shift();
      return output instanceof Error ? Promise.reject(output) : Promise.resolve(output ?? {});
    },
  } as unknown as DynamoDBDocumentClient;
  return { client, sent };
};

const query: PagedQuery = {
  input: {
    TableName: 'things',
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': 'OWNER#1' },
    ScanIndexForward: false,
  },
  keyAttributes: ['pk', 'sk'],
  isPositionIn: (key) => key.pk === 'OWNER#1',
};

const thing = (n: number): Item => ({ pk: 'OWNER#1', sk: `THING#${n}`, name: `thing ${n}` });
const toName = (item: Item) => item.name as string;

const validationException = () =>
  Object.assign(new Error('The provided starting key is invalid'), {
    name: 'ValidationException',
  });

describe('queryPage', () => {
  it('reads one more item than the page holds and gives the last shown item as the cursor', async () => {
    const { client, sent } = fakeClient({ Items: [thing(3), thing(2), thing(1)] });

    const page = await queryPage(client, query, { limit: 2 }, toName);

    expect(page).toEqual({
      items: ['thing 3', 'thing 2'],
      nextCursor: encodeCursor({ pk: 'OWNER#1', sk: 'THING#2' }),
    });
    expect(sent[0]?.input).toEqual({ ...query.input, Limit: 3, ExclusiveStartKey: undefined });
  });

  it('gives no cursor on the last page, so a client never follows one to an empty page', async () => {
    const { client } = fakeClient({ Items: [thing(1), thing(2)], LastEvaluatedKey: thing(2) });

    await expect(queryPage(client, query, { limit: 2 }, toName)).resolves.toEqual({
      items: ['thing 1', 'thing 2'],
    });
  });

  it('starts after the position the cursor names', async () => {
    const { client, sent } = fakeClient({ Items: [thing(1)] });
    const cursor = encodeCursor({ pk: 'OWNER#1', sk: 'THING#2' });

    await queryPage(client, query, { limit: 2, cursor }, toName);

    expect(sent[0]?.input.ExclusiveStartKey).toEqual({ pk: 'OWNER#1', sk: 'THING#2' });
  });

  it.each([
    ['not base64 JSON', '!!!'],
    ['a key of another list', encodeCursor({ pk: 'OWNER#2', sk: 'THING#2' })],
    ['a key with a missing attribute', encodeCursor({ pk: 'OWNER#1' })],
    ['a key with an extra attribute', encodeCursor({ pk: 'OWNER#1', sk: 'T', gsi1pk: 'X' })],
    ['a key with an empty attribute', encodeCursor({ pk: 'OWNER#1', sk: '' })],
  ])('refuses a cursor that is %s with ValidationFailed, without querying', async (_, cursor) => {
    const { client, sent } = fakeClient();

    await expect(queryPage(client, query, { limit: 2, cursor }, toName)).rejects.toMatchObject({
      name: 'ValidationFailed',
      details: [{ field: 'cursor', message: 'Invalid cursor' }],
    });
    expect(sent).toHaveLength(0);
  });

  it('turns DynamoDB refusing the start key into ValidationFailed, not a 500', async () => {
    const { client } = fakeClient(validationException());
    const cursor = encodeCursor({ pk: 'OWNER#1', sk: 'THING#2' });

    await expect(queryPage(client, query, { limit: 2, cursor }, toName)).rejects.toMatchObject({
      name: 'ValidationFailed',
    });
  });

  it('lets any other failure through as it is', async () => {
    const { client } = fakeClient(validationException());

    await expect(queryPage(client, query, { limit: 2 }, toName)).rejects.toMatchObject({
      name: 'ValidationException',
    });
  });
});
