import {
  isStaleWrite,
  withOptimisticRetry,
} from '../../../../functions/lib/dynamo/conditional-writes';

const sdkError = (name: string, extra: Record<string, unknown> = {}) =>
  Object.assign(new Error(name), { name, ...extra });

describe('isStaleWrite', () => {
  it.each([
    ['a failed condition', sdkError('ConditionalCheckFailedException')],
    ['a conflicting transaction', sdkError('TransactionConflictException')],
    [
      'a transaction cancelled by a condition',
      sdkError('TransactionCanceledException', {
        CancellationReasons: [{ Code: 'None' }, { Code: 'ConditionalCheckFailed' }],
      }),
    ],
    [
      'a transaction cancelled by a conflict',
      sdkError('TransactionCanceledException', {
        CancellationReasons: [{ Code: 'TransactionConflict' }],
      }),
    ],
  ])('treats %s as stale', (_, error) => {
    expect(isStaleWrite(error)).toBe(true);
  });

  it.each([
    ['throttling', sdkError('ProvisionedThroughputExceededException')],
    ['a validation error', sdkError('ValidationException')],
    [
      'a transaction cancelled for throughput',
      sdkError('TransactionCanceledException', {
        CancellationReasons: [{ Code: 'ThrottlingError' }],
      }),
    ],
    ['a non-error', 'boom'],
  ])('does not treat %s as stale', (_, error) => {
    expect(isStaleWrite(error)).toBe(false);
  });
});

describe('withOptimisticRetry', () => {
  const conflict = () =>
    sdkError('TransactionCanceledException', {
      CancellationReasons: [{ Code: 'ConditionalCheckFailed' }],
    });

  it('runs the whole attempt again after a stale read or write, then returns its outcome', async () => {
    const attempt = jest
      .fn<Promise<string>, []>()
      .mockRejectedValueOnce(conflict())
      .mockRejectedValueOnce(sdkError('TransactionConflictException'))
      .mockResolvedValueOnce('done');

    await expect(withOptimisticRetry('Op', attempt)).resolves.toBe('done');
    expect(attempt).toHaveBeenCalledTimes(3);
  });

  it('gives up with ConcurrentUpdate when every attempt is stale', async () => {
    await expect(withOptimisticRetry('Op', () => Promise.reject(conflict()))).rejects.toMatchObject(
      {
        name: 'ConcurrentUpdate',
      },
    );
  });

  it('propagates any other error at once', async () => {
    const failure = sdkError('ValidationException');
    const attempt = jest.fn(() => Promise.reject(failure));

    await expect(withOptimisticRetry('Op', attempt)).rejects.toBe(failure);
    expect(attempt).toHaveBeenCalledTimes(1);
  });
});
