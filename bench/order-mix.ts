import type { BenchUser, SeededShop } from './seed';

/** One order to place: whose, what and when. The load and the floor place the same mix. */
export interface OrderPlan {
  user: BenchUser;
  userIndex: number;
  items: { productId: string; quantity: number }[];
  deliverySlotId: string;
}

/**
 * The `sequence`-th order of worker `worker`. Each worker has customers of its own (worker w:
 * users w, w + C, …), so no two orders in flight share a wallet, as no customer places two at
 * once; products and slots are shared by all, as in a shop. A customer's orders walk through the
 * products and then the slots, so the same customer never repeats the same items for the same
 * slot within P × S orders: API.md's duplicate-order window never applies.
 */
export function planOrder(
  shop: SeededShop,
  concurrency: number,
  itemsPerOrder: number,
  worker: number,
  sequence: number,
): OrderPlan {
  const own = shop.users.filter((_, index) => index % concurrency === worker);
  const userIndex = worker + concurrency * (sequence % own.length);
  const user = shop.users[userIndex];
  if (!user) throw new Error(`Worker ${worker} has no customer`);
  return planFor(shop, user, userIndex, Math.floor(sequence / own.length), itemsPerOrder);
}

/** The probe's orders: its own customer, the same kind of order. */
export const planProbeOrder = (
  shop: SeededShop,
  itemsPerOrder: number,
  sequence: number,
): OrderPlan => planFor(shop, shop.probeUser, shop.users.length, sequence, itemsPerOrder);

function planFor(
  shop: SeededShop,
  user: BenchUser,
  userIndex: number,
  ordinal: number,
  itemsPerOrder: number,
): OrderPlan {
  const productCount = shop.products.length;
  const first = (userIndex + ordinal) % productCount;
  const items = Array.from({ length: itemsPerOrder }, (_, offset) => {
    const product = shop.products[(first + offset) % productCount];
    if (!product) throw new Error('No product to order');
    return { productId: product.productId, quantity: 1 };
  });
  const slot = shop.slots[(userIndex + Math.floor(ordinal / productCount)) % shop.slots.length];
  if (!slot) throw new Error('No delivery slot to order');
  return { user, userIndex, items, deliverySlotId: slot.slotId };
}
