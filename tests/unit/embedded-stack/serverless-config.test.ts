import {
  allFunctionsEnvironment,
  type ResolvedServerlessConfig,
} from '../../../embedded-stack/serverless-config';

const config = (functions: Record<string, Record<string, string>>): ResolvedServerlessConfig =>
  ({
    provider: { region: 'us-east-1', environment: { POWERTOOLS_SERVICE_NAME: 'shop' } },
    functions: Object.fromEntries(
      Object.entries(functions).map(([key, environment]) => [
        key,
        { handler: `functions/x/${key}.handler`, name: `shop-local-${key}`, environment },
      ]),
    ),
  }) as unknown as ResolvedServerlessConfig;

describe('the embedded stack environment, from every function of serverless.yml', () => {
  it("holds the provider's variables and each function's own", () => {
    expect(
      allFunctionsEnvironment(
        config({
          reserveStock: { INVENTORY_TABLE_NAME: 'shop-local-inventory' },
          placeOrder: { ORDERS_TABLE_NAME: 'shop-local-orders', SHOP_CURRENCY: 'USD' },
          confirmOrder: { ORDERS_TABLE_NAME: 'shop-local-orders' },
        }),
      ),
    ).toEqual({
      POWERTOOLS_SERVICE_NAME: 'shop',
      INVENTORY_TABLE_NAME: 'shop-local-inventory',
      ORDERS_TABLE_NAME: 'shop-local-orders',
      SHOP_CURRENCY: 'USD',
    });
  });

  it('refuses two functions that give one variable different values', () => {
    expect(() =>
      allFunctionsEnvironment(config({ a: { SHOP_CURRENCY: 'USD' }, b: { SHOP_CURRENCY: 'EUR' } })),
    ).toThrow('Function b sets SHOP_CURRENCY=EUR, another function or the provider USD');
  });
});
