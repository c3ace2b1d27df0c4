import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  allFunctionsEnvironment,
  resolvedConfigKey,
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

// The key `sls print`'s kept answer is found by: a change to anything it reads is a new key.
describe('the key of a resolved configuration', () => {
  let root: string;
  const write = (file: string, text: string) => writeFile(join(root, file), text);

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'resolved-config-key-'));
    await write(
      'serverless.yml',
      "port: ${env:SHOP_SNS_PORT, '4002'}\nfunctions: ${file(fns.yml)}\n",
    );
    await write('fns.yml', "a: { handler: a.handler, level: ${env:LOG_LEVEL, 'INFO'} }\n");
    await write('package-lock.json', '{"lockfileVersion":3}');
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  it('stays the same for the same files and variables, whatever else is in the environment', async () => {
    const key = await resolvedConfigKey({ SHOP_SNS_PORT: '4102' }, root);
    expect(await resolvedConfigKey({ SHOP_SNS_PORT: '4102', UNRELATED: 'x' }, root)).toBe(key);
  });

  it('changes with a variable named in serverless.yml or in a file it takes in', async () => {
    const key = await resolvedConfigKey({ SHOP_SNS_PORT: '4102' }, root);
    expect(await resolvedConfigKey({ SHOP_SNS_PORT: '4202' }, root)).not.toBe(key);
    expect(await resolvedConfigKey({ SHOP_SNS_PORT: '4102', LOG_LEVEL: 'WARN' }, root)).not.toBe(
      key,
    );
  });

  it('changes with serverless.yml, a file it takes in, and the lock file', async () => {
    const keys = [await resolvedConfigKey({}, root)];
    await write(
      'fns.yml',
      "a: { handler: a.handler, timeout: 6, level: ${env:LOG_LEVEL, 'INFO'} }\n",
    );
    keys.push(await resolvedConfigKey({}, root));
    await write('serverless.yml', 'port: 4003\nfunctions: ${file(fns.yml)}\n');
    keys.push(await resolvedConfigKey({}, root));
    await write('package-lock.json', '{"lockfileVersion":3,"packages":{}}');
    keys.push(await resolvedConfigKey({}, root));
    expect(new Set(keys).size).toBe(4);
  });
});
