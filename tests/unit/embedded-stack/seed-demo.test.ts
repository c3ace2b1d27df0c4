import { seedDemoData } from '../../../embedded-stack/seed-demo';

interface Sent {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: Record<string, unknown>;
}

/** Answers every request like the shop would, and keeps what was sent. */
const fakeShop = (fail?: (request: Sent) => boolean) => {
  const sent: Sent[] = [];
  jest.spyOn(global, 'fetch').mockImplementation((input, init) => {
    const request: Sent = {
      method: init?.method ?? 'GET',
      url: input instanceof Request ? input.url : input.toString(),
      headers: init?.headers as Record<string, string>,
      body: (init?.body === undefined ? {} : JSON.parse(init.body as string)) as Record<
        string,
        unknown
      >,
    };
    sent.push(request);
    if (fail?.(request)) return Promise.resolve(new Response('{"error":{}}', { status: 403 }));
    // An empty catalog: the stack seeds it.
    if (request.method === 'GET') return Promise.resolve(Response.json({ items: [] }));
    const answer = request.url.endsWith('/products')
      ? { productId: `p-${sent.length}`, ...request.body }
      : request.body;
    return Promise.resolve(new Response(JSON.stringify(answer), { status: 201 }));
  });
  return sent;
};

describe('seedDemoData', () => {
  afterEach(() => {
    jest.restoreAllMocks();
  });

  it('creates products with stock and 3 slots on each of the next 7 days, as the admin', async () => {
    const sent = fakeShop();

    const counts = await seedDemoData({ httpApiUrl: 'http://shop.test/', adminToken: 'token' });

    const products = sent.filter((request) => request.url === 'http://shop.test/products');
    const stock = sent.filter((request) => request.method === 'PUT');
    const slots = sent.filter((request) => request.url === 'http://shop.test/delivery/slots');
    expect(counts).toEqual({ products: products.length, slots: 21 });
    expect(products.length).toBeGreaterThanOrEqual(3);
    expect(stock.map((request) => request.url)).toEqual(
      // After the GET that found the catalog empty, each product then its stock.
      products.map((_, index) => `http://shop.test/inventory/p-${index * 2 + 2}`),
    );
    expect(stock.every((request) => Number(request.body.onHand) > 0)).toBe(true);
    expect(sent.every((request) => request.headers.authorization === 'Bearer token')).toBe(true);

    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const days = [...new Set(slots.map((request) => String(request.body.start).slice(0, 10)))];
    expect(days).toHaveLength(7);
    expect(days[0]).toBe(tomorrow);
    for (const { body } of slots) {
      expect(Date.parse(String(body.end))).toBeGreaterThan(Date.parse(String(body.start)));
      expect(body.capacity).toBeGreaterThan(0);
    }
  });

  it('seeds nothing on a catalog kept from an earlier run', async () => {
    const sent: string[] = [];
    jest.spyOn(global, 'fetch').mockImplementation((input, init) => {
      sent.push(
        `${init?.method ?? 'GET'} ${input instanceof Request ? input.url : input.toString()}`,
      );
      return Promise.resolve(Response.json({ items: [{ productId: 'kept' }] }));
    });

    await expect(
      seedDemoData({ httpApiUrl: 'http://shop.test', adminToken: 'token' }),
    ).resolves.toEqual({ products: 0, slots: 0 });
    expect(sent).toEqual(['GET http://shop.test/products?limit=1']);
  });

  it('fails naming the request the shop refused', async () => {
    fakeShop((request) => request.url.endsWith('/delivery/slots'));

    await expect(
      seedDemoData({ httpApiUrl: 'http://shop.test', adminToken: 'token' }),
    ).rejects.toThrow('POST /delivery/slots answered 403');
  });
});
