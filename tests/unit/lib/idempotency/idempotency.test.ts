import {
  canonicalJson,
  decideOnExisting,
  idempotencyKeyOf,
  idempotencySortKey,
  parseIdempotencyKey,
  requestHash,
  runIdempotent,
  type IdempotencyRecord,
  type IdempotencyRecordKey,
  type IdempotencyStore,
} from '../../../../functions/lib/idempotency/idempotency';
import { httpEvent } from '../../../support/http-event';
import { thrownBy } from '../../../support/thrown';

describe('the Idempotency-Key header', () => {
  it.each([
    ['one character', 'k'],
    ['128 characters', 'k'.repeat(128)],
    ['a UUID', '5f0c6a52-8c1e-4f43-9d59-3f6c2b7a9e10'],
  ])('accepts %s', (_, key) => {
    expect(parseIdempotencyKey(key)).toBe(key);
  });

  it('is optional', () => {
    expect(parseIdempotencyKey(undefined)).toBeUndefined();
  });

  it.each([
    ['empty', ''],
    ['129 characters', 'k'.repeat(129)],
  ])('refuses a key that is %s with VALIDATION_FAILED naming the header', (_, key) => {
    expect(thrownBy(() => parseIdempotencyKey(key))).toMatchObject({
      name: 'ValidationFailed',
      details: [{ field: 'Idempotency-Key', message: 'must be 1 to 128 characters' }],
    });
  });

  it('is read whatever the case of the header name', () => {
    const event = httpEvent({ headers: { 'IDEMPOTENCY-KEY': 'order-7' } });

    expect(idempotencyKeyOf(event)).toBe('order-7');
  });
});

describe('requestHash', () => {
  it('is the same for the same body however its members are ordered', () => {
    expect(requestHash({ amount: 1, note: { b: 2, a: 1 } })).toBe(
      requestHash({ note: { a: 1, b: 2 }, amount: 1 }),
    );
    expect(canonicalJson({ b: [{ d: 1, c: 2 }], a: null })).toBe('{"a":null,"b":[{"c":2,"d":1}]}');
  });

  it('differs for another body, and keeps the order of lists', () => {
    expect(requestHash({ amount: 1 })).not.toBe(requestHash({ amount: 2 }));
    expect(requestHash([1, 2])).not.toBe(requestHash([2, 1]));
  });
});

describe('idempotencySortKey', () => {
  it('names the operation and hides the client key behind a fixed-length hash', () => {
    const key = idempotencySortKey('placeOrder', 'any#key with spaces');

    expect(key).toMatch(/^IDEMPOTENCY#placeOrder#[0-9a-f]{64}$/);
    expect(idempotencySortKey('placeOrder', 'other')).not.toBe(key);
    expect(idempotencySortKey('deposit', 'any#key with spaces')).not.toBe(key);
  });
});

describe('decideOnExisting', () => {
  const hash = requestHash({ amount: 1 });

  it('replays the stored answer of a completed request with the same body', () => {
    expect(
      decideOnExisting({ status: 'COMPLETED', requestHash: hash, response: '{"a":1}' }, hash),
    ).toEqual({ action: 'REPLAY', response: '{"a":1}' });
  });

  it('waits for a request with the same body still in progress', () => {
    expect(decideOnExisting({ status: 'IN_PROGRESS', requestHash: hash }, hash)).toEqual({
      action: 'WAIT',
    });
  });

  it.each(['IN_PROGRESS', 'COMPLETED'] as const)(
    'refuses another body, also while the first is %s',
    (status) => {
      expect(
        decideOnExisting({ status, requestHash: requestHash({ amount: 2 }), response: '{}' }, hash),
      ).toEqual({ action: 'KEY_REUSED' });
    },
  );
});

interface StoredRecord extends IdempotencyRecord {
  lockToken?: string;
  lockedUntil: number;
  operationId: string;
  expiresAt: number;
}

/** The DynamoDB store's conditions, in memory. */
function memoryStore() {
  const records = new Map<string, StoredRecord>();
  const id = (key: IdempotencyRecordKey) => `${key.pk}|${key.sk}`;
  const store: IdempotencyStore = {
    claim(key, { requestHash: hash, lockToken, lockedUntilMs, expiresAt, operationId }) {
      const existing = records.get(id(key));
      const expired = existing !== undefined && existing.expiresAt <= Date.now() / 1000;
      const lockRanOut = existing?.status === 'IN_PROGRESS' && existing.lockedUntil < Date.now();
      const claimed = { status: 'IN_PROGRESS' as const, requestHash: hash, lockToken, expiresAt };
      if (!existing || expired || (lockRanOut && existing.requestHash !== hash)) {
        records.set(id(key), { ...claimed, lockedUntil: lockedUntilMs, operationId });
        return Promise.resolve(operationId);
      }
      if (!lockRanOut) return Promise.resolve(undefined);
      records.set(id(key), { ...existing, lockToken, lockedUntil: lockedUntilMs });
      return Promise.resolve(existing.operationId);
    },
    get: (key) => Promise.resolve(records.get(id(key))),
    complete(key, lockToken, response) {
      const record = records.get(id(key));
      if (record?.lockToken !== lockToken) return Promise.reject(new Error('not the holder'));
      records.set(id(key), { ...record, status: 'COMPLETED', response, lockedUntil: 0 });
      return Promise.resolve();
    },
    release(key, lockToken) {
      const record = records.get(id(key));
      if (record?.lockToken !== lockToken) return Promise.reject(new Error('not the holder'));
      records.delete(id(key));
      return Promise.resolve();
    },
  };
  return { store, records };
}

const recordKey = { pk: 'USER#u-1', sk: idempotencySortKey('test', 'key-1') };
const context = (remainingMs = 10_000) => ({ getRemainingTimeInMillis: () => remainingMs });

describe('runIdempotent', () => {
  const hash = requestHash({ amount: 5 });

  it('runs the first request and answers every repeat with its stored response, running nothing again', async () => {
    const { store } = memoryStore();
    const operation = jest.fn(() => Promise.resolve({ balance: 5 }));
    const request = { store, recordKey, requestHash: hash, context: context() };

    const first = await runIdempotent(request, operation);
    const repeat = await runIdempotent(request, operation);

    expect(first).toEqual({ response: { balance: 5 }, replayed: false });
    expect(repeat).toEqual({ response: { balance: 5 }, replayed: true });
    expect(operation).toHaveBeenCalledTimes(1);
  });

  it('makes repeats that arrive while the first runs wait for its answer', async () => {
    const { store } = memoryStore();
    let finish: (value: { orderId: string }) => void = () => undefined;
    const operation = jest.fn(
      () =>
        new Promise<{ orderId: string }>((resolveOperation) => {
          finish = resolveOperation;
        }),
    );
    const request = { store, recordKey, requestHash: hash, context: context() };

    const first = runIdempotent(request, operation);
    await new Promise((resolveDelay) => setImmediate(resolveDelay));
    const repeats = Promise.all([1, 2, 3].map(() => runIdempotent(request, operation)));
    await new Promise((resolveDelay) => setTimeout(resolveDelay, 120));
    finish({ orderId: 'o-1' });

    expect(await first).toEqual({ response: { orderId: 'o-1' }, replayed: false });
    expect(await repeats).toEqual(
      [1, 2, 3].map(() => ({ response: { orderId: 'o-1' }, replayed: true })),
    );
    expect(operation).toHaveBeenCalledTimes(1);
  });

  it('refuses the same key with another body with IdempotencyKeyReused, running nothing', async () => {
    const { store } = memoryStore();
    const operation = jest.fn(() => Promise.resolve({ balance: 5 }));
    await runIdempotent({ store, recordKey, requestHash: hash, context: context() }, operation);

    await expect(
      runIdempotent(
        { store, recordKey, requestHash: requestHash({ amount: 6 }), context: context() },
        operation,
      ),
    ).rejects.toMatchObject({ name: 'IdempotencyKeyReused' });
    expect(operation).toHaveBeenCalledTimes(1);
  });

  it('remembers no failure: the lock is released and a repeat runs the operation afresh', async () => {
    const { store } = memoryStore();
    const request = { store, recordKey, requestHash: hash, context: context() };

    await expect(
      runIdempotent(request, () => Promise.reject(new Error('catalog unreachable'))),
    ).rejects.toThrow('catalog unreachable');
    const repeat = await runIdempotent(request, () => Promise.resolve({ orderId: 'o-2' }));

    expect(repeat).toEqual({ response: { orderId: 'o-2' }, replayed: false });
  });

  it('answers Conflict when the first request is still running after the longest wait', async () => {
    const { store } = memoryStore();
    const request = { store, recordKey, requestHash: hash, context: context() };
    const first = runIdempotent(request, () => new Promise<never>(() => undefined));
    void first.catch(() => undefined);
    await new Promise((resolveDelay) => setImmediate(resolveDelay));

    // With under 1.5 s of its own time left, a repeat cannot wait at all.
    await expect(
      runIdempotent({ ...request, context: context(1_000) }, () => Promise.resolve({})),
    ).rejects.toMatchObject({ name: 'Conflict' });
  });

  it('takes over the record of a request whose function ended without releasing it', async () => {
    const { store, records } = memoryStore();
    records.set(`${recordKey.pk}|${recordKey.sk}`, {
      status: 'IN_PROGRESS',
      requestHash: hash,
      lockToken: 'dead-holder',
      lockedUntil: Date.now() - 1,
      operationId: 'op-of-the-dead-holder',
      expiresAt: Math.floor(Date.now() / 1000) + 3600,
    });

    const answer = await runIdempotent(
      { store, recordKey, requestHash: hash, context: context() },
      (operationId) => Promise.resolve({ orderId: operationId }),
    );

    expect(answer).toEqual({ response: { orderId: 'op-of-the-dead-holder' }, replayed: false });
  });

  it('still answers the operation when the record cannot be completed', async () => {
    const { store } = memoryStore();
    store.complete = () => Promise.reject(new Error('throttled'));

    const answer = await runIdempotent(
      { store, recordKey, requestHash: hash, context: context() },
      () => Promise.resolve({ orderId: 'o-4' }),
    );

    expect(answer).toEqual({ response: { orderId: 'o-4' }, replayed: false });
  });
});

describe('the operation id runIdempotent hands to the operation', () => {
  const hash = requestHash({ amount: 5 });
  const ids = () => {
    let next = 0;
    return () => `op-${++next}`;
  };
  const key = `${recordKey.pk}|${recordKey.sk}`;

  it('is a UUID v7 unless told otherwise', async () => {
    const { store } = memoryStore();

    const { response } = await runIdempotent(
      { store, recordKey, requestHash: hash, context: context() },
      (operationId) => Promise.resolve(operationId),
    );

    expect(response).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });

  it("stays the first claim's when a repeat takes over the expired lock of the same body (the 503-then-repeat)", async () => {
    const { store, records } = memoryStore();
    const request = { store, recordKey, requestHash: hash, newOperationId: ids() };
    // The first run outlives its lock: it is still running (or was stopped) when the repeat comes.
    const seen: string[] = [];
    void runIdempotent({ ...request, context: context(30) }, (operationId) => {
      seen.push(operationId);
      return new Promise<never>(() => undefined);
    });
    await new Promise((resolveDelay) => setTimeout(resolveDelay, 60));
    expect(records.get(key)?.lockedUntil).toBeLessThan(Date.now());

    const repeat = await runIdempotent({ ...request, context: context() }, (operationId) =>
      Promise.resolve({ orderId: operationId }),
    );

    expect(seen).toEqual(['op-1']);
    expect(repeat).toEqual({ response: { orderId: 'op-1' }, replayed: false });
  });

  it('is new after a failure released the record: errors are not remembered', async () => {
    const { store } = memoryStore();
    const request = {
      store,
      recordKey,
      requestHash: hash,
      context: context(),
      newOperationId: ids(),
    };
    const seen: string[] = [];

    await expect(
      runIdempotent(request, (operationId) => {
        seen.push(operationId);
        return Promise.reject(new Error('catalog unreachable'));
      }),
    ).rejects.toThrow('catalog unreachable');
    await runIdempotent(request, (operationId) => {
      seen.push(operationId);
      return Promise.resolve({});
    });

    expect(seen).toEqual(['op-1', 'op-2']);
  });

  it('is new once the record has expired (TTL): the key names a new request', async () => {
    const { store, records } = memoryStore();
    const request = {
      store,
      recordKey,
      requestHash: hash,
      context: context(),
      newOperationId: ids(),
    };
    await runIdempotent(request, (operationId) => Promise.resolve({ orderId: operationId }));
    const completed = records.get(key);
    if (!completed) throw new Error('the first run left no record');
    records.set(key, { ...completed, expiresAt: Math.floor(Date.now() / 1000) - 1 });

    const later = await runIdempotent(request, (operationId) =>
      Promise.resolve({ orderId: operationId }),
    );

    expect(later).toEqual({ response: { orderId: 'op-2' }, replayed: false });
  });

  it("is new when another body takes over a dead holder's lock", async () => {
    const { store, records } = memoryStore();
    records.set(key, {
      status: 'IN_PROGRESS',
      requestHash: requestHash({ amount: 6 }),
      lockToken: 'dead-holder',
      lockedUntil: Date.now() - 1,
      operationId: 'op-of-another-body',
      expiresAt: Math.floor(Date.now() / 1000) + 3600,
    });

    const answer = await runIdempotent(
      { store, recordKey, requestHash: hash, context: context(), newOperationId: ids() },
      (operationId) => Promise.resolve({ orderId: operationId }),
    );

    expect(answer).toEqual({ response: { orderId: 'op-1' }, replayed: false });
  });
});
