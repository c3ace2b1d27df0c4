import { createOrdersRepository } from '../../../functions/orders/orders-repository';
import { planCancelUnstarted } from '../../../functions/orders/domain/order';
import type { Order } from '../../../functions/orders/domain/order';
import { encodeCursor } from '../../../functions/lib/dynamo/pagination';
import { requiredEnv, uniqueId } from '../../support/saga-fixtures';
import { snapshotTable } from '../../support/table-snapshot';

const tableName = requiredEnv('ORDERS_TABLE_NAME');
const orders = createOrdersRepository(tableName);

const placeFor = (userId: string): Promise<Order> =>
  orders.createOrder({
    orderId: uniqueId('order'),
    userId,
    items: [
      { productId: uniqueId('product'), name: 'Mug', quantity: 1, unitPrice: 700, lineTotal: 700 },
    ],
    total: 700,
    currency: 'USD',
    deliverySlotId: uniqueId('slot'),
  });

/** Orders one after the other, so each is newer than the one before. */
async function ordersOf(userId: string, count: number): Promise<Order[]> {
  const placed: Order[] = [];
  for (let index = 0; index < count; index++) {
    placed.push(await placeFor(userId));
    await new Promise((resolveDelay) => setTimeout(resolveDelay, 2));
  }
  return placed;
}

describe("listing a user's orders page by page", () => {
  it("lists only the user's own orders, newest first, in pages that join up", async () => {
    const userId = uniqueId('user');
    const placed = await ordersOf(userId, 5);
    await placeFor(uniqueId('user'));

    const first = await orders.listOrdersPage(userId, { limit: 2 });
    const second = await orders.listOrdersPage(userId, { limit: 2, cursor: first.nextCursor });
    const third = await orders.listOrdersPage(userId, { limit: 2, cursor: second.nextCursor });

    expect([...first.items, ...second.items, ...third.items]).toEqual([...placed].reverse());
    expect(first.nextCursor).toBeDefined();
    expect(second.nextCursor).toBeDefined();
    expect(third.nextCursor).toBeUndefined();
  });

  it('gives no cursor when the page holds the last order', async () => {
    const userId = uniqueId('user');
    await ordersOf(userId, 2);

    const page = await orders.listOrdersPage(userId, { limit: 2 });

    expect(page.items).toHaveLength(2);
    expect(page.nextCursor).toBeUndefined();
  });

  it("refuses with ValidationFailed a cursor of another user's list", async () => {
    const [mine, theirs] = [uniqueId('user'), uniqueId('user')];
    await ordersOf(theirs, 3);
    await ordersOf(mine, 1);
    const { nextCursor } = await orders.listOrdersPage(theirs, { limit: 1 });

    await expect(
      orders.listOrdersPage(mine, { limit: 1, cursor: nextCursor }),
    ).rejects.toMatchObject({
      name: 'ValidationFailed',
    });
  });

  it.each([
    ['not base64 JSON', '!!!'],
    ['JSON that is not a key', Buffer.from('[1,2]').toString('base64url')],
    ['a key of another shape', encodeCursor({ pk: 'ORDER#x', sk: 'ORDER' })],
    [
      'a key outside the orders',
      encodeCursor({ gsi1pk: 'USER#me', gsi1sk: 'x', pk: 'WALLET#me', sk: 'WALLET' }),
    ],
  ])('refuses with ValidationFailed a tampered cursor: %s', async (_, cursor) => {
    await expect(orders.listOrdersPage('me', { limit: 5, cursor })).rejects.toMatchObject({
      name: 'ValidationFailed',
    });
  });
});

describe('status changes', () => {
  it('resolve with the order as it now stands', async () => {
    const order = await placeFor(uniqueId('user'));

    const result = await orders.transition(
      'CancelUnstartedOrder',
      order.orderId,
      planCancelUnstarted,
    );

    expect(result).toEqual({
      outcome: 'CANCELLED',
      order: {
        ...order,
        status: 'CANCELLED',
        cancellationReason: 'TECHNICAL_FAILURE',
        updatedAt: result.order.updatedAt,
      },
    });
    expect(await orders.getOrder(order.orderId)).toEqual(result.order);
  });

  it('leave an order the saga has ended as it is when its start is given up', async () => {
    const order = await placeFor(uniqueId('user'));
    await orders.transition('ConfirmOrder', order.orderId, () => ({
      action: 'SET_STATUS',
      from: 'PENDING',
      to: 'CONFIRMED',
    }));
    const before = await snapshotTable(tableName, [order.orderId]);

    await expect(
      orders.transition('CancelUnstartedOrder', order.orderId, planCancelUnstarted),
    ).resolves.toMatchObject({ outcome: 'ALREADY_CONFIRMED', order: { status: 'CONFIRMED' } });

    expect(await snapshotTable(tableName, [order.orderId])).toEqual(before);
  });
});
