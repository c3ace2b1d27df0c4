import { MAX_ON_HAND } from '../../../../contracts/limits';
import {
  assertOnHand,
  assertOnHandCoversReserved,
  emptyStock,
  planReservation,
  planStockRelease,
  stockLevel,
  type Reservation,
  type StockLevel,
} from '../../../../functions/inventory/domain/stock';
import { thrownBy } from '../../../support/thrown';

const stocks = (...levels: StockLevel[]) => {
  const byId = new Map(levels.map((level) => [level.productId, level]));
  return (productId: string) => byId.get(productId);
};

const reservation = (status: Reservation['status']): Reservation => ({
  orderId: 'o-1',
  items: [{ productId: 'p-1', quantity: 2 }],
  status,
  createdAt: 'then',
  updatedAt: 'then',
});

describe('planReservation', () => {
  it('reserves when every item has enough units available', () => {
    const stockOf = stocks(stockLevel('p-1', 5, 3), stockLevel('p-2', 1, 0));

    expect(
      planReservation(
        undefined,
        [
          { productId: 'p-1', quantity: 2 },
          { productId: 'p-2', quantity: 1 },
        ],
        stockOf,
      ),
    ).toEqual({ action: 'RESERVE' });
  });

  it('fails with OutOfStock naming every short item, counting missing stock as none', () => {
    const stockOf = stocks(stockLevel('p-1', 5, 4), stockLevel('p-2', 9, 0));

    const error = thrownBy(() =>
      planReservation(
        undefined,
        [
          { productId: 'p-1', quantity: 2 },
          { productId: 'p-2', quantity: 1 },
          { productId: 'p-3', quantity: 1 },
        ],
        stockOf,
      ),
    );

    expect(error).toMatchObject({
      name: 'OutOfStock',
      details: [
        { productId: 'p-1', requested: 2, available: 1 },
        { productId: 'p-3', requested: 1, available: 0 },
      ],
    });
  });

  it('does nothing when the order already holds its units', () => {
    expect(planReservation(reservation('RESERVED'), [], stocks())).toEqual({
      action: 'NONE',
      outcome: 'ALREADY_RESERVED',
    });
  });

  it('never reserves after a release, even with units available', () => {
    for (const status of ['RELEASED', 'VOID'] as const) {
      expect(
        planReservation(
          reservation(status),
          [{ productId: 'p-1', quantity: 1 }],
          stocks(stockLevel('p-1', 9, 0)),
        ),
      ).toEqual({ action: 'NONE', outcome: 'ALREADY_RELEASED' });
    }
  });
});

describe('planStockRelease', () => {
  it('gives back the units the reservation recorded', () => {
    expect(planStockRelease(reservation('RESERVED'))).toEqual({
      action: 'RELEASE',
      items: [{ productId: 'p-1', quantity: 2 }],
    });
  });

  it('leaves a tombstone when nothing was reserved', () => {
    expect(planStockRelease(undefined)).toEqual({ action: 'VOID' });
  });

  it.each(['RELEASED', 'VOID'] as const)('does nothing when already %s', (status) => {
    expect(planStockRelease(reservation(status))).toEqual({
      action: 'NONE',
      outcome: 'ALREADY_RELEASED',
    });
  });
});

describe('stock rules', () => {
  it('derives available as onHand - reserved', () => {
    expect(stockLevel('p-1', 10, 4)).toEqual({
      productId: 'p-1',
      onHand: 10,
      reserved: 4,
      available: 6,
    });
  });

  it('refuses with Conflict to put fewer units on hand than are reserved', () => {
    expect(() => assertOnHandCoversReserved(stockLevel('p-1', 10, 4), 4)).not.toThrow();
    expect(() => assertOnHandCoversReserved(undefined, 0)).not.toThrow();
    expect(thrownBy(() => assertOnHandCoversReserved(stockLevel('p-1', 10, 4), 3))).toMatchObject({
      name: 'Conflict',
    });
  });

  it('accepts only non-negative whole units on hand', () => {
    expect(() => assertOnHand(0)).not.toThrow();
    expect(() => assertOnHand(MAX_ON_HAND)).not.toThrow();
    for (const onHand of [-1, 2.5, Number.NaN, MAX_ON_HAND + 1]) {
      expect(thrownBy(() => assertOnHand(onHand))).toMatchObject({
        name: 'ValidationFailed',
        details: [{ field: 'onHand', message: expect.any(String) as unknown }],
      });
    }
  });

  it('starts a product the catalog lists with 0 units on hand, reserved and available', () => {
    expect(emptyStock('p-1')).toEqual({ productId: 'p-1', onHand: 0, reserved: 0, available: 0 });
  });
});
