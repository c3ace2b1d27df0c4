import { Conflict, ValidationFailed } from '../../lib/errors';
import { MAX_ON_HAND } from '../../../contracts/limits';
import { OutOfStock } from './errors';
import type { StockLevel } from '../../../contracts/http/inventory';

export type { StockLevel };

export interface StockItem {
  productId: string;
  quantity: number;
}

/**
 * RESERVED holds units for the order (and keeps holding them once the order
 * is confirmed); RELEASED gave them back; VOID is the tombstone a release
 * leaves when there was nothing to release, so a late reservation can never
 * take units afterwards.
 */
export type ReservationStatus = 'RESERVED' | 'RELEASED' | 'VOID';

export interface Reservation {
  orderId: string;
  items: StockItem[];
  status: ReservationStatus;
  createdAt: string;
  updatedAt: string;
}

export interface Shortage {
  productId: string;
  requested: number;
  available: number;
}

export const stockLevel = (productId: string, onHand: number, reserved: number): StockLevel => ({
  productId,
  onHand,
  reserved,
  available: onHand - reserved,
});

export const shortagesOf = (
  items: readonly StockItem[],
  stockOf: (productId: string) => StockLevel | undefined,
): Shortage[] =>
  items.flatMap(({ productId, quantity }) => {
    const available = stockOf(productId)?.available ?? 0;
    return available < quantity ? [{ productId, requested: quantity, available }] : [];
  });

export type ReservationPlan =
  { action: 'RESERVE' } | { action: 'NONE'; outcome: 'ALREADY_RESERVED' | 'ALREADY_RELEASED' };

/** ReserveStock: every item or none, once per order, never after a release. */
export const planReservation = (
  existing: Reservation | undefined,
  items: readonly StockItem[],
  stockOf: (productId: string) => StockLevel | undefined,
): ReservationPlan => {
  if (existing) {
    return existing.status === 'RESERVED'
      ? { action: 'NONE', outcome: 'ALREADY_RESERVED' }
      : { action: 'NONE', outcome: 'ALREADY_RELEASED' };
  }
  const shortages = shortagesOf(items, stockOf);
  if (shortages.length > 0) {
    throw new OutOfStock(
      `Not enough stock for ${shortages.map((shortage) => shortage.productId).join(', ')}`,
      { details: shortages },
    );
  }
  return { action: 'RESERVE' };
};

export type StockReleasePlan =
  | { action: 'RELEASE'; items: StockItem[] }
  | { action: 'VOID' }
  | { action: 'NONE'; outcome: 'ALREADY_RELEASED' };

/** ReleaseStock: gives reserved units back, or leaves a tombstone. */
export const planStockRelease = (existing: Reservation | undefined): StockReleasePlan => {
  if (!existing) return { action: 'VOID' };
  return existing.status === 'RESERVED'
    ? { action: 'RELEASE', items: existing.items }
    : { action: 'NONE', outcome: 'ALREADY_RELEASED' };
};

export const assertOnHand = (onHand: number): void => {
  if (!Number.isSafeInteger(onHand) || onHand < 0 || onHand > MAX_ON_HAND) {
    throw new ValidationFailed(`onHand must be an integer from 0 to ${MAX_ON_HAND}`, {
      details: [{ field: 'onHand', message: `must be an integer from 0 to ${MAX_ON_HAND}` }],
    });
  }
};

/**
 * A product the catalog lists and inventory has not stocked yet (its ProductCreated event is
 * still on its way): API.md, the product starts with 0 units in stock.
 */
export const emptyStock = (productId: string): StockLevel => stockLevel(productId, 0, 0);

/** Units reserved for orders cannot be taken off hand. */
export const assertOnHandCoversReserved = (stock: StockLevel | undefined, onHand: number): void => {
  const reserved = stock?.reserved ?? 0;
  if (onHand < reserved) {
    throw new Conflict(`onHand ${onHand} is below the ${reserved} units reserved`, {
      details: { onHand, reserved },
    });
  }
};
