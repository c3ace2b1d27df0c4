import { randomUUID } from 'node:crypto';
import { encodeCursor } from '../../../functions/lib/dynamo/pagination';
import { badBodies, contractError } from '../../support/contract-checks';
import { adminToken, api, registerAndLogin } from '../../support/http-client';

// Over HTTP against the shared embedded stack: a function's first call starts its worker, and
// the machine may be busy with other suites.
jest.setTimeout(30_000);

interface Product {
  productId: string;
  name: string;
  description: string;
  price: number;
  currency: string;
  createdAt: string;
}
interface ProductPage {
  items: Product[];
  nextCursor?: string;
}

const currency = process.env.SHOP_CURRENCY ?? 'USD';
const isoTimestamp = expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/) as unknown;

let admin: string;
let customer: string;

beforeAll(async () => {
  [admin, customer] = await Promise.all([
    adminToken(),
    registerAndLogin().then((user) => user.token),
  ]);
});

async function createProduct(body: Record<string, unknown> = {}): Promise<Product> {
  const response = await api.post<Product>(
    '/products',
    { name: `Mug ${randomUUID()}`, price: 1200, ...body },
    { token: admin },
  );
  expect(response.status).toBe(201);
  return response.body;
}

/** Follows the cursors from the newest product until every wanted id has shown. */
async function pagesUntil(productIds: string[], limit: number): Promise<ProductPage[]> {
  const pages: ProductPage[] = [];
  let cursor: string | undefined;
  for (;;) {
    const query = `?limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const response = await api.get<ProductPage>(`/products${query}`);
    expect(response.status).toBe(200);
    pages.push(response.body);
    const seen = new Set(pages.flatMap((page) => page.items.map((item) => item.productId)));
    if (productIds.every((id) => seen.has(id)) || !response.body.nextCursor) return pages;
    cursor = response.body.nextCursor;
  }
}

describe('POST /products (admin)', () => {
  it('creates a product and answers 201 with it, in the shop currency', async () => {
    const response = await api.post(
      '/products',
      { name: 'Pour-over kettle', description: 'Gooseneck, 1 litre', price: 4900 },
      { token: admin },
    );

    expect(response.status).toBe(201);
    expect(response.body).toEqual({
      productId: expect.any(String) as unknown,
      name: 'Pour-over kettle',
      description: 'Gooseneck, 1 litre',
      price: 4900,
      currency,
      createdAt: isoTimestamp,
    });
  });

  it('gives a product created without a description an empty one', async () => {
    const product = await createProduct({ description: undefined });

    expect(product.description).toBe('');
  });

  it('answers 401 UNAUTHENTICATED without a token', async () => {
    const response = await api.post('/products', { name: 'Sneaky', price: 1 });

    expect(response.status).toBe(401);
    expect(response.body).toEqual(contractError('UNAUTHENTICATED'));
  });

  it('answers 403 FORBIDDEN to a customer', async () => {
    const response = await api.post('/products', { name: 'Sneaky', price: 1 }, { token: customer });

    expect(response.status).toBe(403);
    expect(response.body).toEqual(contractError('FORBIDDEN'));
  });

  it.each(
    badBodies(
      { name: 'Mug', description: 'Blue', price: 1200 },
      {
        required: ['name', 'price'],
        wrongValues: [
          ['price', 0],
          ['price', -5],
          ['price', 12.5],
          ['price', '1200'],
          ['price', 100_000_001],
          ['name', ''],
          ['name', '   '],
          ['name', 'x'.repeat(201)],
          ['name', 42],
          ['description', 'x'.repeat(2001)],
          ['description', null],
        ],
        unknown: [
          ['productId', 'chosen-by-client'],
          ['currency', 'EUR'],
          ['createdAt', '2020-01-01T00:00:00Z'],
          ['status', 'ACTIVE'],
        ],
      },
    ),
  )('answers %s with 400 and the contract error body', async (_, rawBody, expected) => {
    const response = await api.post('/products', undefined, { token: admin, rawBody });

    expect(response.status).toBe(400);
    expect(response.body).toEqual(expected);
  });
});

describe('GET /products/{productId} (public)', () => {
  it('answers 200 with the product, no token needed', async () => {
    const product = await createProduct({ description: 'Blue' });

    const response = await api.get(`/products/${product.productId}`);

    expect(response.status).toBe(200);
    expect(response.body).toEqual(product);
  });

  it('answers 404 NOT_FOUND for a product that does not exist', async () => {
    const response = await api.get(`/products/${randomUUID()}`);

    expect(response.status).toBe(404);
    expect(response.body).toEqual(contractError('NOT_FOUND'));
  });
});

describe('PATCH /products/{productId} (admin)', () => {
  it('changes the fields given and answers 200 with the whole product', async () => {
    const product = await createProduct({ name: 'Mug', description: 'Blue', price: 1200 });

    const response = await api.patch(
      `/products/${product.productId}`,
      { price: 1500, description: 'Green' },
      { token: admin },
    );

    const changed = { ...product, price: 1500, description: 'Green' };
    expect(response.status).toBe(200);
    expect(response.body).toEqual(changed);
    expect((await api.get(`/products/${product.productId}`)).body).toEqual(changed);
  });

  it('answers an empty change with 200 and the product as it was', async () => {
    const product = await createProduct();

    const response = await api.patch(`/products/${product.productId}`, {}, { token: admin });

    expect(response.status).toBe(200);
    expect(response.body).toEqual(product);
  });

  it('answers 404 NOT_FOUND for a product that does not exist, creating nothing', async () => {
    const productId = randomUUID();

    const response = await api.patch(`/products/${productId}`, { price: 5 }, { token: admin });

    expect(response.status).toBe(404);
    expect(response.body).toEqual(contractError('NOT_FOUND'));
    expect((await api.get(`/products/${productId}`)).status).toBe(404);
  });

  it('answers 401 without a token and 403 to a customer, changing nothing', async () => {
    const product = await createProduct();

    const anonymous = await api.patch(`/products/${product.productId}`, { price: 1 });
    const byCustomer = await api.patch(
      `/products/${product.productId}`,
      { price: 1 },
      { token: customer },
    );

    expect([anonymous.status, byCustomer.status]).toEqual([401, 403]);
    expect(anonymous.body).toEqual(contractError('UNAUTHENTICATED'));
    expect(byCustomer.body).toEqual(contractError('FORBIDDEN'));
    expect((await api.get(`/products/${product.productId}`)).body).toEqual(product);
  });

  describe('with a body the contract refuses', () => {
    let product: Product;
    beforeAll(async () => {
      product = await createProduct();
    });

    it.each(
      badBodies(
        { price: 999 },
        {
          required: [],
          wrongValues: [
            ['price', 0],
            ['price', '999'],
            ['price', 9.99],
            ['name', ''],
            ['name', null],
            ['description', 7],
          ],
          unknown: [
            ['productId', 'another'],
            ['currency', 'EUR'],
            ['createdAt', '2020-01-01T00:00:00Z'],
            ['status', 'GONE'],
          ],
        },
      ),
    )('answers %s with 400 and changes nothing', async (_, rawBody, expected) => {
      const response = await api.patch(`/products/${product.productId}`, undefined, {
        token: admin,
        rawBody,
      });

      expect(response.status).toBe(400);
      expect(response.body).toEqual(expected);
      expect((await api.get(`/products/${product.productId}`)).body).toEqual(product);
    });
  });
});

describe('GET /products (public)', () => {
  it('lists products newest first, a page at a time, each product once', async () => {
    const first = await createProduct();
    const second = await createProduct();
    const third = await createProduct();
    const mine = [first, second, third].map((product) => product.productId);

    const pages = await pagesUntil(mine, 2);

    expect(pages.every((page) => page.items.length <= 2)).toBe(true);
    const listed = pages.flatMap((page) => page.items);
    expect(new Set(listed.map((item) => item.productId)).size).toBe(listed.length);
    expect(listed.filter((item) => mine.includes(item.productId))).toEqual([third, second, first]);
    const times = listed.map((item) => item.createdAt);
    expect([...times].sort().reverse()).toEqual(times);
  });

  it('answers 20 products and a cursor when no limit is given and more exist', async () => {
    for (let index = 0; index < 21; index++) await createProduct();

    const response = await api.get<ProductPage>('/products');

    expect(response.status).toBe(200);
    expect(response.body.items).toHaveLength(20);
    expect(response.body.nextCursor).toEqual(expect.any(String));
  }, 60_000);

  it('ends with a page that has no cursor', async () => {
    const pages = await pagesUntil([randomUUID()], 100);

    expect(pages.at(-1)?.nextCursor).toBeUndefined();
    expect(pages.at(-1)).toEqual({ items: expect.any(Array) as unknown });
  });

  it.each([
    ['a limit of 0', '?limit=0', 'limit'],
    ['a limit over 100', '?limit=101', 'limit'],
    ['a limit that is no number', '?limit=ten', 'limit'],
    ['a fractional limit', '?limit=2.5', 'limit'],
    ['a tampered cursor', '?cursor=bm90LWEtY3Vyc29y', 'cursor'],
    ['a cursor that is not base64 JSON', '?cursor=%25%25%25', 'cursor'],
    ["another list's cursor", `?cursor=${encodeCursor({ pk: 'WALLET#u', sk: 'TX#1' })}`, 'cursor'],
    [
      'a cursor naming another index partition',
      `?cursor=${encodeCursor({ pk: 'PRODUCT#x', sk: 'PRODUCT', gsi1pk: 'DATE#x', gsi1sk: 'x' })}`,
      'cursor',
    ],
    ['an unknown parameter', '?status=ACTIVE', 'status'],
  ])('answers %s with 400 VALIDATION_FAILED', async (_, query, field) => {
    const response = await api.get(`/products${query}`);

    expect(response.status).toBe(400);
    expect(response.body).toEqual(
      contractError('VALIDATION_FAILED', {
        details: [expect.objectContaining({ field }) as unknown],
      }),
    );
  });
});
