import {
  MAX_DESCRIPTION_LENGTH,
  MAX_NAME_LENGTH,
  MAX_PRICE,
  productDescriptionSchema,
  productNameSchema,
  productPriceSchema,
} from '../../../../contracts/http/catalog';
import {
  changedFields,
  newProductRecord,
  presentProduct,
  quoteOf,
} from '../../../../functions/catalog/domain/product';

const record = newProductRecord(
  'p-1',
  { name: 'Mug', description: 'Blue', price: 1200 },
  '2030-01-01T00:00:00.000Z',
);

describe('a new product', () => {
  it('records what was given, created and updated now', () => {
    expect(record).toEqual({
      productId: 'p-1',
      name: 'Mug',
      description: 'Blue',
      price: 1200,
      createdAt: '2030-01-01T00:00:00.000Z',
      updatedAt: '2030-01-01T00:00:00.000Z',
    });
  });

  it('has an empty description when none was given', () => {
    expect(newProductRecord('p-2', { name: 'Mug', price: 1 }, 'now').description).toBe('');
  });
});

describe('presenting a product', () => {
  it('shows the API.md Product with the shop currency and without internal fields', () => {
    expect(presentProduct(record, 'EUR')).toEqual({
      productId: 'p-1',
      name: 'Mug',
      description: 'Blue',
      price: 1200,
      currency: 'EUR',
      createdAt: '2030-01-01T00:00:00.000Z',
    });
  });

  it('quotes name and price for another context', () => {
    expect(quoteOf(record, 'USD')).toEqual({
      productId: 'p-1',
      name: 'Mug',
      price: 1200,
      currency: 'USD',
    });
  });
});

describe('changing a product', () => {
  it('keeps only the fields the change names', () => {
    expect(changedFields({ price: 5, name: undefined })).toEqual({ price: 5 });
    expect(changedFields({ description: '' })).toEqual({ description: '' });
    expect(changedFields({})).toEqual({});
  });
});

describe('product field rules', () => {
  it('takes prices from 1 to the maximum in whole minor units only', () => {
    for (const price of [1, MAX_PRICE])
      expect(productPriceSchema.safeParse(price).success).toBe(true);
    for (const price of [0, -1, 1.5, MAX_PRICE + 1, '100', null]) {
      expect(productPriceSchema.safeParse(price).success).toBe(false);
    }
  });

  it('trims names and refuses blank or overlong ones', () => {
    expect(productNameSchema.parse('  Mug ')).toBe('Mug');
    expect(productNameSchema.safeParse('   ').success).toBe(false);
    expect(productNameSchema.safeParse('x'.repeat(MAX_NAME_LENGTH)).success).toBe(true);
    expect(productNameSchema.safeParse('x'.repeat(MAX_NAME_LENGTH + 1)).success).toBe(false);
  });

  it('takes an empty description but not an overlong one', () => {
    expect(productDescriptionSchema.parse('')).toBe('');
    expect(productDescriptionSchema.safeParse('x'.repeat(MAX_DESCRIPTION_LENGTH + 1)).success).toBe(
      false,
    );
  });
});
