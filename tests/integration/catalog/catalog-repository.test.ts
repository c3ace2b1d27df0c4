import { createCatalogRepository } from '../../../functions/catalog/catalog-repository';
import type { ProductRecord } from '../../../functions/catalog/domain/product';
import { handler as quoteProducts } from '../../../functions/catalog/handlers/quote-products';
import { encodeCursor } from '../../../functions/lib/dynamo/pagination';
import { lambdaContext } from '../../support/lambda-context';
import { requiredEnv, uniqueId } from '../../support/saga-fixtures';

const catalog = createCatalogRepository(requiredEnv('CATALOG_TABLE_NAME'));
const currency = process.env.SHOP_CURRENCY ?? 'USD';

const create = (name = uniqueId('product'), price = 1000) =>
  catalog.createProduct({ name, description: 'A thing', price }, (product) => ({
    eventType: 'ProductCreated',
    productId: product.productId,
    name: product.name,
    price: product.price,
    currency,
    occurredAt: product.createdAt,
  }));

/** Follows the cursors from the newest product until every wanted id has shown. */
async function pagesUntil(productIds: string[], limit: number): Promise<ProductRecord[][]> {
  const pages: ProductRecord[][] = [];
  let cursor: string | undefined;
  for (;;) {
    const page = await catalog.listProducts({ limit, cursor });
    pages.push(page.items);
    const seen = new Set(pages.flat().map((product) => product.productId));
    if (productIds.every((id) => seen.has(id)) || !page.nextCursor) return pages;
    cursor = page.nextCursor;
  }
}

describe('catalog repository', () => {
  it('creates a product and reads it back by its id', async () => {
    const product = await create('Mug', 1200);

    expect(product).toEqual({
      productId: expect.any(String) as unknown,
      name: 'Mug',
      description: 'A thing',
      price: 1200,
      createdAt: expect.any(String) as unknown,
      updatedAt: product.createdAt,
    });
    expect(await catalog.getProduct(product.productId)).toEqual(product);
  });

  it('reads nothing for an id it does not hold', async () => {
    expect(await catalog.getProduct(uniqueId('product'))).toBeUndefined();
  });

  it('changes only the fields named, and keeps the creation time', async () => {
    const product = await create('Mug', 1200);

    const changed = await catalog.updateProduct(product.productId, { price: 1500 });

    expect(changed).toMatchObject({
      productId: product.productId,
      name: 'Mug',
      description: 'A thing',
      price: 1500,
      createdAt: product.createdAt,
    });
    expect(changed.updatedAt >= product.updatedAt).toBe(true);
    expect(await catalog.getProduct(product.productId)).toEqual(changed);
  });

  it('refuses to change a product it does not hold with NotFound, creating nothing', async () => {
    const productId = uniqueId('product');

    await expect(catalog.updateProduct(productId, { name: 'Ghost' })).rejects.toMatchObject({
      name: 'NotFound',
    });
    expect(await catalog.getProduct(productId)).toBeUndefined();
  });

  it('lists products newest first, a page at a time, each once', async () => {
    const first = await create();
    const second = await create();
    const third = await create();

    const pages = await pagesUntil(
      [first, second, third].map((p) => p.productId),
      2,
    );

    expect(pages.every((page) => page.length <= 2)).toBe(true);
    const listed = pages.flat().map((product) => product.productId);
    expect(new Set(listed).size).toBe(listed.length);
    const mine = listed.filter((id) => [first, second, third].some((p) => p.productId === id));
    expect(mine).toEqual([third.productId, second.productId, first.productId]);
    const times = pages.flat().map((product) => product.createdAt);
    expect([...times].sort().reverse()).toEqual(times);
  });

  it('refuses a cursor that is no position in the list with ValidationFailed', async () => {
    for (const cursor of [
      'not-a-cursor',
      encodeCursor({ pk: 'PRODUCT#x', sk: 'PRODUCT' }),
      encodeCursor({ pk: 'WALLET#x', sk: 'PRODUCT', gsi1pk: 'PRODUCTS', gsi1sk: 'x' }),
      encodeCursor({ pk: 'PRODUCT#x', sk: 'PRODUCT', gsi1pk: 'OTHER', gsi1sk: 'x' }),
    ]) {
      await expect(catalog.listProducts({ limit: 2, cursor })).rejects.toMatchObject({
        name: 'ValidationFailed',
      });
    }
  });

  it('reads the products of the ids that exist, each once', async () => {
    const [a, b] = [await create(), await create()];

    const products = await catalog.getProducts([
      a.productId,
      uniqueId('missing'),
      b.productId,
      a.productId,
    ]);

    expect(products).toEqual([a, b]);
  });
});

describe('quoteProducts (the catalog read API)', () => {
  it('quotes name, price and the shop currency of each product that exists', async () => {
    const [a, b] = [await create('Kettle', 4900), await create('Filter', 650)];
    const missing = uniqueId('missing');

    await expect(
      quoteProducts({ productIds: [a.productId, missing, b.productId] }, lambdaContext()),
    ).resolves.toEqual({
      products: [
        { productId: a.productId, name: 'Kettle', price: 4900, currency },
        { productId: b.productId, name: 'Filter', price: 650, currency },
      ],
    });
  });

  it('answers an empty list when none exists', async () => {
    await expect(
      quoteProducts({ productIds: [uniqueId('missing')] }, lambdaContext()),
    ).resolves.toEqual({ products: [] });
  });

  it('refuses a request outside its contract with ValidationFailed', async () => {
    await expect(quoteProducts({ productIds: [] }, lambdaContext())).rejects.toMatchObject({
      name: 'ValidationFailed',
    });
    await expect(
      quoteProducts({ productIds: ['p'], userId: 'u' }, lambdaContext()),
    ).rejects.toMatchObject({ name: 'ValidationFailed' });
  });
});
