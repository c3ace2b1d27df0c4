import { handler as cancelOrder } from '../../../functions/orders/handlers/cancel-order';
import {
  duplicateWindowEnd,
  orderFingerprint,
  type NewOrder,
} from '../../../functions/orders/domain/order';
import {
  createOrdersRepository,
  type FingerprintClaim,
} from '../../../functions/orders/orders-repository';
import { invokeStep } from '../../support/lambda-context';
import { requiredEnv, uniqueId } from '../../support/saga-fixtures';

// The DUPLICATE_ORDER fingerprint against the real orders table: the order and its fingerprint
// are written in one transaction, so of identical orders at once exactly one is written.
const orders = createOrdersRepository(requiredEnv('ORDERS_TABLE_NAME'));

const anOrder = (userId: string, productId: string, deliverySlotId: string): NewOrder => ({
  orderId: uniqueId('order'),
  userId,
  items: [{ productId, name: 'Mug', quantity: 2, unitPrice: 500, lineTotal: 1000 }],
  total: 1000,
  currency: 'USD',
  deliverySlotId,
});

/** A user's order and the claim its placement makes, with a window of `windowSeconds`. */
const scene = () => {
  const userId = uniqueId('user');
  const productId = uniqueId('product');
  const slotId = uniqueId('slot');
  const claim = (whenHeld: FingerprintClaim['whenHeld'] = 'refuse'): FingerprintClaim => ({
    fingerprint: orderFingerprint(userId, [{ productId, quantity: 2 }], slotId),
    expiresAt: duplicateWindowEnd(Date.now(), 300),
    whenHeld,
  });
  return { userId, order: () => anOrder(userId, productId, slotId), claim };
};

/** The error the write was refused with; fails when it was not refused. */
const refusalOf = (promise: Promise<unknown>): Promise<unknown> =>
  promise.then(
    () => {
      throw new Error('Expected the order to be refused');
    },
    (error: unknown) => error,
  );

describe('an order written with its fingerprint', () => {
  it('refuses the same order again with DuplicateOrder carrying the live order', async () => {
    const { order, claim } = scene();
    const first = await orders.createOrder(order(), claim());

    const refusal = await refusalOf(orders.createOrder(order(), claim()));

    expect(refusal).toMatchObject({ name: 'DuplicateOrder', extras: { order: first } });
  });

  it('writes exactly one of ten identical orders placed at once', async () => {
    const { userId, order, claim } = scene();

    const results = await Promise.allSettled(
      Array.from({ length: 10 }, () => orders.createOrder(order(), claim())),
    );

    const written = results.filter((result) => result.status === 'fulfilled');
    const refused = results.filter(
      (result) =>
        result.status === 'rejected' && (result.reason as Error).name === 'DuplicateOrder',
    );
    expect([written.length, refused.length]).toEqual([1, 9]);
    expect(await orders.listOrdersByUser(userId)).toHaveLength(1);
  });

  it('lets the same order again once CancelOrder has cancelled the first', async () => {
    const { userId, order, claim } = scene();
    const first = await orders.createOrder(order(), claim());

    await invokeStep(cancelOrder, {
      orderId: first.orderId,
      userId,
      items: first.items.map(({ productId, quantity }) => ({ productId, quantity })),
      total: first.total,
      currency: first.currency,
      deliverySlotId: first.deliverySlotId,
      error: { Error: 'OutOfStock', Cause: 'none left' },
    });
    const again = await orders.createOrder(order(), claim());

    expect(again.orderId).not.toBe(first.orderId);
    expect(await refusalOf(orders.createOrder(order(), claim()))).toMatchObject({
      name: 'DuplicateOrder',
      extras: { order: again },
    });
  });

  it('takes over the fingerprint a cancelled order kept', async () => {
    const { order, claim } = scene();
    const first = await orders.createOrder(order(), claim());
    // Cancelled without releasing its fingerprint (a release that was lost).
    await orders.transition('CancelOrder', first.orderId, () => ({
      action: 'SET_STATUS',
      from: 'PENDING',
      to: 'CANCELLED',
      cancellationReason: 'OUT_OF_STOCK',
    }));

    const again = await orders.createOrder(order(), claim());

    expect(await refusalOf(orders.createOrder(order(), claim()))).toMatchObject({
      name: 'DuplicateOrder',
      extras: { order: again },
    });
  });

  it('lets the same order again once the window has passed', async () => {
    const { order, claim } = scene();
    // An order placed longer ago than the window: its fingerprint has expired (TTL deletes late).
    await orders.createOrder(order(), { ...claim(), expiresAt: Math.floor(Date.now() / 1000) - 1 });

    await expect(orders.createOrder(order(), claim())).resolves.toMatchObject({
      status: 'PENDING',
    });
  });

  it('writes an order placed with an Idempotency-Key even while a live order holds the fingerprint', async () => {
    const { userId, order, claim } = scene();
    const first = await orders.createOrder(order(), claim());

    const keyed = await orders.createOrder(order(), claim('placeAnyway'));

    expect(keyed.orderId).not.toBe(first.orderId);
    expect(await orders.listOrdersByUser(userId)).toHaveLength(2);
    // The fingerprint stays the first order's.
    expect(await refusalOf(orders.createOrder(order(), claim()))).toMatchObject({
      extras: { order: first },
    });
  });

  it("leaves another user's same items alone", async () => {
    const mine = scene();
    const first = await orders.createOrder(mine.order(), mine.claim());
    const theirs = {
      ...first,
      orderId: uniqueId('order'),
      userId: uniqueId('user'),
    };
    const theirClaim: FingerprintClaim = {
      ...mine.claim(),
      fingerprint: orderFingerprint(
        theirs.userId,
        [{ productId: first.items[0]?.productId ?? '', quantity: 2 }],
        first.deliverySlotId,
      ),
    };

    await expect(orders.createOrder(theirs, theirClaim)).resolves.toMatchObject({
      userId: theirs.userId,
    });
  });
});
