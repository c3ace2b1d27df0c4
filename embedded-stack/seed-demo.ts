/**
 * Demo data for the local stage (`npm start`): a few products with stock, and delivery slots for
 * each of the next 7 days. Only through the public HTTP API, as an admin would do it, so the data
 * passes the same validation and events (ProductCreated) as any other.
 */

export interface SeedDemoOptions {
  httpApiUrl: string;
  /** An access token of a user in the `admin` group. */
  adminToken: string;
}

interface DemoProduct {
  name: string;
  description: string;
  price: number;
  onHand: number;
}

const DEMO_PRODUCTS: readonly DemoProduct[] = [
  {
    name: 'Espresso beans, 1 kg',
    description: 'Dark roast, whole beans.',
    price: 2490,
    onHand: 40,
  },
  { name: 'Ceramic mug', description: 'Holds 350 ml; dishwasher safe.', price: 1200, onHand: 25 },
  { name: 'Pour-over kettle', description: 'Gooseneck spout, 1 litre.', price: 4900, onHand: 8 },
  { name: 'Paper filters (100)', description: 'Size 02, unbleached.', price: 650, onHand: 120 },
  { name: 'Hand grinder', description: 'Conical burrs, 40 settings.', price: 8900, onHand: 3 },
  { name: 'Gift card', description: 'Never out of stock for long.', price: 5000, onHand: 1000 },
];

/** Three delivery windows a day, in UTC hours. */
const SLOT_WINDOWS: readonly (readonly [number, number])[] = [
  [9, 12],
  [13, 16],
  [17, 20],
];
const SLOT_DAYS = 7;
const SLOT_CAPACITY = 10;
const DAY_MS = 24 * 60 * 60 * 1000;

export async function seedDemoData(
  options: SeedDemoOptions,
): Promise<{ products: number; slots: number }> {
  const call = client(options);
  // A stack started on the data of an earlier run has its catalog (and slots) already.
  const { items } = (await call('GET', '/products?limit=1', undefined)) as { items: unknown[] };
  if (items.length > 0) return { products: 0, slots: 0 };

  // One request at a time: serverless-offline starts a fresh worker for each concurrent call of a
  // function, which makes a burst of parallel requests several times slower than a sequence.
  let products = 0;
  for (const { name, description, price, onHand } of DEMO_PRODUCTS) {
    const { productId } = (await call('POST', '/products', { name, description, price })) as {
      productId: string;
    };
    // Inventory takes the product's stock straight away, before ProductCreated reaches it.
    await call('PUT', `/inventory/${encodeURIComponent(productId)}`, { onHand });
    products += 1;
  }

  // The next 7 days from tomorrow (UTC), so that every slot is still ahead when it is shown.
  const today = Date.UTC(
    new Date().getUTCFullYear(),
    new Date().getUTCMonth(),
    new Date().getUTCDate(),
  );
  const windows = Array.from({ length: SLOT_DAYS }, (_, index) => today + (index + 1) * DAY_MS)
    .flatMap((day) => SLOT_WINDOWS.map(([from, to]) => ({ day, from, to })))
    .map(({ day, from, to }) => ({
      start: new Date(day + from * 3_600_000).toISOString(),
      end: new Date(day + to * 3_600_000).toISOString(),
      capacity: SLOT_CAPACITY,
    }));
  let slots = 0;
  for (const slot of windows) {
    await call('POST', '/delivery/slots', slot);
    slots += 1;
  }

  return { products, slots };
}

const client =
  ({ httpApiUrl, adminToken }: SeedDemoOptions) =>
  async (method: string, path: string, body: unknown): Promise<unknown> => {
    const response = await fetch(`${httpApiUrl.replace(/\/+$/, '')}${path}`, {
      method,
      headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(15_000),
    });
    const text = await response.text();
    if (!response.ok) {
      throw new Error(`Seeding demo data: ${method} ${path} answered ${response.status}: ${text}`);
    }
    return JSON.parse(text) as unknown;
  };
