import { DomainError } from '../../../../functions/lib/errors';
import { logger } from '../../../../functions/lib/logger';
import { sagaStep } from '../../../../functions/lib/middleware/saga-step';
import { lambdaContext } from '../../../support/lambda-context';

class OutOfStock extends DomainError {
  override readonly name = 'OutOfStock';
}

const input = {
  orderId: 'o-1',
  userId: 'u-1',
  items: [{ productId: 'p-1', quantity: 1 }],
  total: 100,
  currency: 'USD',
  deliverySlotId: 's-1',
};

describe('sagaStep', () => {
  // The middleware resets the log level on each invocation: mute by spying.
  let warn: jest.SpyInstance;
  beforeEach(() => {
    jest.spyOn(logger, 'info').mockImplementation(() => undefined);
    jest.spyOn(logger, 'error').mockImplementation(() => undefined);
    warn = jest.spyOn(logger, 'warn').mockImplementation(() => undefined);
  });

  afterEach(() => {
    jest.restoreAllMocks();
  });

  it('passes the parsed input to the step and returns its result', async () => {
    const step = jest.fn(() => ({ outcome: 'DONE' }));
    const handler = sagaStep('ReservePayment', step);

    await expect(
      handler({ order: input, attempt: 0, redriveCount: 0 }, lambdaContext()),
    ).resolves.toEqual({
      outcome: 'DONE',
    });
    expect(step).toHaveBeenCalledWith(
      input,
      expect.objectContaining({ functionName: 'test-function' }),
    );
  });

  it('lets a named error propagate unchanged, so Lambda reports its name as errorType', async () => {
    const thrown = new OutOfStock('no units');
    const handler = sagaStep('ReservePayment', (): Promise<never> => Promise.reject(thrown));

    const error: unknown = await handler(
      { order: input, attempt: 0, redriveCount: 0 },
      lambdaContext(),
    ).catch((caught: unknown) => caught);

    expect(error).toBe(thrown);
    expect(error).toMatchObject({ name: 'OutOfStock', message: 'no units' });
    expect((error as Error).cause).toBeUndefined();
    expect(warn).toHaveBeenCalledWith('ReservePayment failed', {
      errorName: 'OutOfStock',
      errorMessage: 'no units',
    });
  });

  it('rejects an invalid input with InvalidSagaInput without calling the step', async () => {
    const step = jest.fn(() => ({}));
    const handler = sagaStep('ReservePayment', step);

    const error: unknown = await handler(
      { order: { ...input, total: -1 }, attempt: 0, redriveCount: 0 },
      lambdaContext(),
    ).catch((caught: unknown) => caught);

    expect(error).toMatchObject({ name: 'InvalidSagaInput' });
    expect((error as Error).message).toContain('total');
    expect(step).not.toHaveBeenCalled();
  });

  it.each([
    ['a lost optimistic race', Object.assign(new Error('busy'), { name: 'ConcurrentUpdate' })],
    [
      'DynamoDB throttling',
      Object.assign(new Error('slow down'), { name: 'ProvisionedThroughputExceededException' }),
    ],
    [
      'an SDK error marked retryable',
      Object.assign(new Error('try again'), { name: 'Whatever', $retryable: {} }),
    ],
    ['a network failure', Object.assign(new Error('refused'), { code: 'ECONNREFUSED' })],
  ])('reports %s as TransientError, the name the state machine retries', async (_, thrown) => {
    const handler = sagaStep('ReservePayment', (): Promise<never> => Promise.reject(thrown));

    const error: unknown = await handler(
      { order: input, attempt: 0, redriveCount: 0 },
      lambdaContext(),
    ).catch((caught: unknown) => caught);

    expect(error).toMatchObject({
      name: 'TransientError',
      message: `${thrown.name}: ${thrown.message}`,
    });
  });

  it('leaves a programming error as it is: retrying cannot fix it', async () => {
    const handler = sagaStep('ReservePayment', (): Promise<never> =>
      Promise.reject(new TypeError('x is undefined')),
    );

    const error: unknown = await handler(
      { order: input, attempt: 0, redriveCount: 0 },
      lambdaContext(),
    ).catch((caught: unknown) => caught);

    expect(error).toMatchObject({ name: 'TypeError' });
  });
});
