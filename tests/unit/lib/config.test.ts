import * as z from 'zod';
import { loadConfig, resourceName, shopCurrency } from '../../../functions/lib/config';
import { thrownBy } from '../../support/thrown';

const schema = z.object({
  ORDERS_TABLE_NAME: resourceName,
  PAYMENTS_TABLE_NAME: resourceName,
  SHOP_CURRENCY: shopCurrency,
});

describe('loadConfig', () => {
  it('returns the validated variables and ignores the rest of the environment', () => {
    const config = loadConfig(schema, {
      ORDERS_TABLE_NAME: 'orders',
      PAYMENTS_TABLE_NAME: 'payments',
      SHOP_CURRENCY: 'EUR',
      HOME: '/root',
    });

    expect(config).toEqual({
      ORDERS_TABLE_NAME: 'orders',
      PAYMENTS_TABLE_NAME: 'payments',
      SHOP_CURRENCY: 'EUR',
    });
  });

  it('defaults the currency to USD', () => {
    expect(loadConfig(schema, { ORDERS_TABLE_NAME: 'o', PAYMENTS_TABLE_NAME: 'p' })).toMatchObject({
      SHOP_CURRENCY: 'USD',
    });
  });

  it('fails naming every missing variable, with no default for resource names', () => {
    const error = thrownBy(() => loadConfig(schema, {}));

    expect(error).toMatchObject({ name: 'ConfigurationError' });
    expect((error as Error).message).toContain('missing ORDERS_TABLE_NAME, PAYMENTS_TABLE_NAME');
  });

  it('treats an empty or blank variable as missing', () => {
    expect(() => loadConfig(schema, { ORDERS_TABLE_NAME: '', PAYMENTS_TABLE_NAME: '  ' })).toThrow(
      /missing ORDERS_TABLE_NAME, PAYMENTS_TABLE_NAME/,
    );
  });

  it('fails naming a variable with an invalid value', () => {
    expect(() =>
      loadConfig(schema, {
        ORDERS_TABLE_NAME: 'o',
        PAYMENTS_TABLE_NAME: 'p',
        SHOP_CURRENCY: 'usd',
      }),
    ).toThrow(/invalid SHOP_CURRENCY: must be 3 upper-case letters/);
  });

  it('returns a frozen object', () => {
    const config = loadConfig(schema, { ORDERS_TABLE_NAME: 'o', PAYMENTS_TABLE_NAME: 'p' });

    expect(Object.isFrozen(config)).toBe(true);
  });
});
