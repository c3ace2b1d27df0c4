import {
  blocksDuplicate,
  canonicalItems,
  duplicateWindowEnd,
  orderFingerprint,
  placeOrderRequest,
  type OrderStatus,
} from '../../../../functions/orders/domain/order';
import { requestHash } from '../../../../functions/lib/idempotency/idempotency';

const mug = { productId: 'p-mug', quantity: 2 };
const tea = { productId: 'p-tea', quantity: 1 };

describe('orderFingerprint', () => {
  it('is the same for the same user, items and slot, whatever the order of the items', () => {
    expect(orderFingerprint('u-1', [mug, tea], 's-1')).toBe(
      orderFingerprint('u-1', [tea, mug], 's-1'),
    );
  });

  it.each([
    ['another user', orderFingerprint('u-2', [mug, tea], 's-1')],
    ['another slot', orderFingerprint('u-1', [mug, tea], 's-2')],
    ['another quantity', orderFingerprint('u-1', [{ ...mug, quantity: 3 }, tea], 's-1')],
    ['an item fewer', orderFingerprint('u-1', [mug], 's-1')],
    ['another product', orderFingerprint('u-1', [{ ...mug, productId: 'p-cup' }, tea], 's-1')],
  ])('differs for %s', (_, other) => {
    expect(other).not.toBe(orderFingerprint('u-1', [mug, tea], 's-1'));
  });

  it('reads only productId and quantity of priced lines', () => {
    const priced = [{ ...mug, name: 'Mug', unitPrice: 1250, lineTotal: 2500 }];

    expect(orderFingerprint('u-1', priced, 's-1')).toBe(orderFingerprint('u-1', [mug], 's-1'));
  });

  it('is a fixed-length hex hash, whatever the number of items', () => {
    const many = Array.from({ length: 50 }, (_, index) => ({
      productId: `p-${index}`,
      quantity: 100,
    }));

    expect(orderFingerprint('u-1', many, 's-1')).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('canonicalItems', () => {
  it('sorts the lines by productId and keeps only productId and quantity', () => {
    expect(canonicalItems([tea, { ...mug, extra: true } as typeof mug])).toEqual([mug, tea]);
  });
});

describe('blocksDuplicate', () => {
  it.each([
    ['PENDING', true],
    ['CONFIRMED', true],
    ['CANCELLED', false],
    ['COMPENSATION_FAILED', false],
  ] as [OrderStatus, boolean][])('a %s order blocks the same order again: %s', (status, blocks) => {
    expect(blocksDuplicate({ status })).toBe(blocks);
  });
});

describe('duplicateWindowEnd', () => {
  it('ends the window in epoch seconds, never before it has lasted', () => {
    expect(duplicateWindowEnd(Date.UTC(2030, 0, 1, 0, 0, 0, 1), 300)).toBe(
      Date.UTC(2030, 0, 1) / 1000 + 301,
    );
    expect(duplicateWindowEnd(Date.UTC(2030, 0, 1), 300)).toBe(Date.UTC(2030, 0, 1) / 1000 + 300);
  });
});

describe('placeOrderRequest (what an Idempotency-Key compares)', () => {
  it('is the same body when only the order of the lines differs', () => {
    expect(requestHash(placeOrderRequest({ items: [mug, tea], deliverySlotId: 's-1' }))).toBe(
      requestHash(placeOrderRequest({ deliverySlotId: 's-1', items: [tea, mug] })),
    );
  });

  it('is another body for another quantity or slot', () => {
    const hash = requestHash(placeOrderRequest({ items: [mug], deliverySlotId: 's-1' }));

    expect(
      requestHash(placeOrderRequest({ items: [{ ...mug, quantity: 3 }], deliverySlotId: 's-1' })),
    ).not.toBe(hash);
    expect(requestHash(placeOrderRequest({ items: [mug], deliverySlotId: 's-2' }))).not.toBe(hash);
  });
});
