import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { placeOrderRequestKey } from '../../../functions/orders/orders-repository';
import { dynamoDb } from '../../../functions/lib/aws/dynamodb';
import {
  createIdempotencyStore,
  requestHash,
  runIdempotent,
} from '../../../functions/lib/idempotency/idempotency';
import { requiredEnv, uniqueId } from '../../support/saga-fixtures';

// The Idempotency-Key records' conditions against the real orders table (DynamoDB Local).
const tableName = requiredEnv('ORDERS_TABLE_NAME');
const store = createIdempotencyStore(tableName);
const context = { getRemainingTimeInMillis: () => 10_000 };
const hash = requestHash({ items: [{ productId: 'p-1', quantity: 1 }], deliverySlotId: 's-1' });

const claimNow = (lockToken: string) => ({
  requestHash: hash,
  lockToken,
  operationId: `op-of-${lockToken}`,
  lockedUntilMs: Date.now() + 10_000,
  expiresAt: Math.floor(Date.now() / 1000) + 3600,
});

describe('Idempotency-Key records in the orders table', () => {
  it('lets one of five claims at once in, and keeps the record it holds', async () => {
    const key = placeOrderRequestKey(uniqueId('user'), 'key-1');

    const outcomes = await Promise.all(
      Array.from({ length: 5 }, (_, index) => store.claim(key, claimNow(`token-${index}`))),
    );

    expect(outcomes.filter((outcome) => outcome !== undefined)).toHaveLength(1);
    expect(await store.get(key)).toEqual({ status: 'IN_PROGRESS', requestHash: hash });
  });

  it('claims an expired record, and one whose lock has run out or was released', async () => {
    const userId = uniqueId('user');
    const expired = placeOrderRequestKey(userId, 'expired');
    const lockRanOut = placeOrderRequestKey(userId, 'lock-ran-out');
    const released = placeOrderRequestKey(userId, 'released');
    await dynamoDb.send(
      new PutCommand({
        TableName: tableName,
        Item: {
          ...expired,
          status: 'COMPLETED',
          requestHash: 'other',
          response: '{}',
          expiresAt: Math.floor(Date.now() / 1000) - 1,
        },
      }),
    );
    await store.claim(lockRanOut, { ...claimNow('dead'), lockedUntilMs: Date.now() - 1 });
    await store.claim(released, claimNow('failed'));
    await store.release(released, 'failed');

    expect(await store.get(released)).toBeUndefined();
    expect(await store.get(expired)).toBeUndefined();
    expect(await store.claim(expired, claimNow('new-1'))).toBe('op-of-new-1');
    // The dead holder may have taken effect under its operation id: the same request keeps it.
    expect(await store.claim(lockRanOut, claimNow('new-2'))).toBe('op-of-dead');
    expect(await store.claim(released, claimNow('new-3'))).toBe('op-of-new-3');
  });

  it("gives another body a new operation id when it takes over a dead holder's lock", async () => {
    const key = placeOrderRequestKey(uniqueId('user'), 'other-body');
    await store.claim(key, { ...claimNow('dead'), lockedUntilMs: Date.now() - 1 });

    expect(await store.claim(key, { ...claimNow('new'), requestHash: 'another body' })).toBe(
      'op-of-new',
    );
    expect(await store.get(key)).toEqual({ status: 'IN_PROGRESS', requestHash: 'another body' });
  });

  it("lets one of five takeovers of a lock that ran out in, with the first claim's id", async () => {
    const key = placeOrderRequestKey(uniqueId('user'), 'takeovers');
    await store.claim(key, { ...claimNow('dead'), lockedUntilMs: Date.now() - 1 });

    const outcomes = await Promise.all(
      Array.from({ length: 5 }, (_, index) => store.claim(key, claimNow(`token-${index}`))),
    );

    expect(outcomes.filter((outcome) => outcome !== undefined)).toEqual(['op-of-dead']);
  });

  it('completes the record for its holder only', async () => {
    const key = placeOrderRequestKey(uniqueId('user'), 'key-2');
    await store.claim(key, claimNow('holder'));

    await expect(store.complete(key, 'someone-else', '{}', 1)).rejects.toMatchObject({
      name: 'ConditionalCheckFailedException',
    });
    await store.complete(key, 'holder', '{"orderId":"o-1"}', Math.floor(Date.now() / 1000) + 60);

    expect(await store.get(key)).toEqual({
      status: 'COMPLETED',
      requestHash: hash,
      response: '{"orderId":"o-1"}',
    });
  });

  it('runs the operation once for twenty requests at once, all answered with its result', async () => {
    const recordKey = placeOrderRequestKey(uniqueId('user'), 'key-3');
    let runs = 0;
    const operation = async () => {
      runs += 1;
      await new Promise((resolveDelay) => setTimeout(resolveDelay, 200));
      return { orderId: uniqueId('order') };
    };

    const answers = await Promise.all(
      Array.from({ length: 20 }, () =>
        runIdempotent({ store, recordKey, requestHash: hash, context }, operation),
      ),
    );

    expect(runs).toBe(1);
    expect(new Set(answers.map((answer) => answer.response.orderId)).size).toBe(1);
    expect(answers.filter((answer) => !answer.replayed)).toHaveLength(1);
  });

  it('keeps the records of two users with the same key apart', async () => {
    const [one, two] = [uniqueId('user'), uniqueId('user')];
    const run = (userId: string) =>
      runIdempotent(
        {
          store,
          recordKey: placeOrderRequestKey(userId, 'shared-key'),
          requestHash: hash,
          context,
        },
        () => Promise.resolve({ userId }),
      );

    expect(await run(one)).toEqual({ response: { userId: one }, replayed: false });
    expect(await run(two)).toEqual({ response: { userId: two }, replayed: false });
  });
});
