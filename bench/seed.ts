import { randomUUID } from 'node:crypto';
import type { ShopApi } from '../client/shop-api';
import type { Product } from '../contracts/http/catalog';
import type { Slot } from '../contracts/http/delivery';
import { mapLimit } from './stats';

/**
 * The bench's own customers, products and slots, made through the public API as a customer and
 * the admin would (API.md), so that a run never depends on the demo data or on another run.
 */

export interface BenchUser {
  userId: string;
  email: string;
  token: string;
}
export type BenchProduct = Pick<Product, 'productId' | 'price'>;
export type BenchSlot = Pick<Slot, 'slotId' | 'start'>;
export interface SeededShop {
  runId: string;
  /** Customers of the order load; worker w owns users w, w + C, w + 2C, … */
  users: BenchUser[];
  /** Customers of the in-process probe orders only. */
  probeUser: BenchUser;
  products: BenchProduct[];
  slots: BenchSlot[];
}

export interface SeedOptions {
  users: number;
  products: number;
  slots: number;
  admin: { email: string; password: string };
}

// Big enough that no run of any length declines a payment, runs out of stock or fills a slot,
// small enough for the contract's limits (a deposit ≤ 100000000, a slot ≤ 10000 places).
const DEPOSIT = 100_000_000;
const ON_HAND = 10_000_000;
const SLOT_CAPACITY = 10_000;
// Seeding is not measured; a few requests at a time keep serverless-offline from starting a
// worker per concurrent request.
const SEED_CONCURRENCY = 4;

export async function seedShop(api: ShopApi, options: SeedOptions): Promise<SeededShop> {
  const runId = randomUUID().slice(0, 8);
  const { accessToken: adminToken } = await api.login(options.admin);

  const customers = await mapLimit(
    Array.from({ length: options.users + 1 }, (_, index) => index),
    SEED_CONCURRENCY,
    (index) => newCustomer(api, `bench-${runId}-${index}@example.com`),
  );

  const products = await mapLimit(
    Array.from({ length: options.products }, (_, index) => index),
    SEED_CONCURRENCY,
    async (index) => {
      const product = await api.createProduct(adminToken, {
        name: `Bench ${runId} product ${index}`,
        price: 100 + ((index * 97) % 1900),
      });
      await api.setStock(adminToken, product.productId, ON_HAND);
      return product;
    },
  );

  // Slots of a far day of this run's own (as the tests do), half an hour each.
  const day = Date.UTC(2300, 0, 1) + Math.floor(Math.random() * 300_000) * 86_400_000;
  const slots = await mapLimit(
    Array.from({ length: options.slots }, (_, index) => index),
    SEED_CONCURRENCY,
    (index) => {
      const start = day + index * 1_800_000;
      return api.createSlot(adminToken, {
        start: new Date(start).toISOString(),
        end: new Date(start + 1_800_000).toISOString(),
        capacity: SLOT_CAPACITY,
      });
    },
  );

  const probeUser = customers.pop();
  if (!probeUser) throw new Error('No probe customer was seeded');
  return { runId, users: customers, probeUser, products, slots };
}

async function newCustomer(api: ShopApi, email: string): Promise<BenchUser> {
  const password = `Bench-${randomUUID()}`;
  const { userId } = await api.register({ email, password, name: 'Bench Customer' });
  const { accessToken } = await api.login({ email, password });
  // Opens the wallet if UserRegistered has not reached payments yet (API.md: deposits may).
  await api.deposit(accessToken, DEPOSIT);
  return { userId, email, token: accessToken };
}
