import { internalFunction } from '../../../../functions/lib/middleware/internal-handler';
import {
  describeSlotAnswerSchema,
  describeSlotRequestSchema,
  quoteProductsAnswerSchema,
  quoteProductsRequestSchema,
} from '../../../../contracts/internal-calls';
import { logger } from '../../../../functions/lib/logger';
import { lambdaContext } from '../../../support/lambda-context';

const slot = {
  slotId: 's-1',
  start: '2030-01-01T09:00:00.000Z',
  end: '2030-01-01T11:00:00.000Z',
  capacity: 3,
  booked: 1,
  available: 2,
};

describe('internalFunction', () => {
  beforeEach(() => {
    jest.spyOn(logger, 'warn').mockImplementation(() => undefined);
    jest.spyOn(logger, 'error').mockImplementation(() => undefined);
  });

  afterEach(() => {
    jest.restoreAllMocks();
  });

  const describeSlot = (answer: unknown) =>
    internalFunction({ request: describeSlotRequestSchema, answer: describeSlotAnswerSchema }, () =>
      Promise.resolve(answer as never),
    );

  it('answers a valid request with the answer', async () => {
    await expect(describeSlot({ slot })({ slotId: 's-1' }, lambdaContext())).resolves.toEqual({
      slot,
    });
  });

  it.each([
    ['a missing field', {}],
    ['an unknown field', { slotId: 's-1', userId: 'u-1' }],
    ['a wrong type', { slotId: 7 }],
    ['no object at all', 'slot'],
  ])('refuses a request with %s with ValidationFailed', async (_, request) => {
    await expect(describeSlot({ slot })(request, lambdaContext())).rejects.toMatchObject({
      name: 'ValidationFailed',
    });
  });

  it('fails on its own side an answer the asking side would refuse', async () => {
    await expect(
      describeSlot({ slot: { ...slot, available: -1 } })({ slotId: 's-1' }, lambdaContext()),
    ).rejects.toThrow();
  });
});

describe('internal contracts', () => {
  it('asks for 1 to 50 product ids', () => {
    const ids = (n: number) => Array.from({ length: n }, (_, index) => `p-${index}`);
    expect(quoteProductsRequestSchema.safeParse({ productIds: ids(1) }).success).toBe(true);
    expect(quoteProductsRequestSchema.safeParse({ productIds: ids(50) }).success).toBe(true);
    expect(quoteProductsRequestSchema.safeParse({ productIds: [] }).success).toBe(false);
    expect(quoteProductsRequestSchema.safeParse({ productIds: ids(51) }).success).toBe(false);
    expect(quoteProductsRequestSchema.safeParse({ productIds: [''] }).success).toBe(false);
  });

  it('quotes name, price and currency of each product', () => {
    const quote = { productId: 'p-1', name: 'Mug', price: 1200, currency: 'USD' };
    expect(quoteProductsAnswerSchema.parse({ products: [quote] })).toEqual({ products: [quote] });
    expect(
      quoteProductsAnswerSchema.safeParse({ products: [{ ...quote, price: 0 }] }).success,
    ).toBe(false);
  });

  it('describes a slot, or null when there is none', () => {
    expect(describeSlotAnswerSchema.parse({ slot: null })).toEqual({ slot: null });
    expect(describeSlotAnswerSchema.parse({ slot })).toEqual({ slot });
    expect(describeSlotAnswerSchema.safeParse({}).success).toBe(false);
  });
});
