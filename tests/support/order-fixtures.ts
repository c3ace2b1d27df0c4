import { createDeliveryRepository } from '../../functions/delivery/delivery-repository';
import { createInventoryRepository } from '../../functions/inventory/inventory-repository';
import { createOrdersRepository } from '../../functions/orders/orders-repository';
import { createPaymentsRepository } from '../../functions/payments/payments-repository';
import type { OrderSagaInput } from '../../contracts/order-saga';
import { requiredEnv, sagaInput, uniqueId } from './saga-fixtures';
import { snapshotTable } from './table-snapshot';

/**
 * Arranges what an order needs in each context's own table, through that context's repository:
 * a wallet with money, products with stock, a delivery slot, and the PENDING order itself.
 */
export const tables = {
  payments: requiredEnv('PAYMENTS_TABLE_NAME'),
  inventory: requiredEnv('INVENTORY_TABLE_NAME'),
  delivery: requiredEnv('DELIVERY_TABLE_NAME'),
  orders: requiredEnv('ORDERS_TABLE_NAME'),
};
export const payments = createPaymentsRepository(tables.payments);
export const inventory = createInventoryRepository(tables.inventory);
export const delivery = createDeliveryRepository(tables.delivery);
export const orders = createOrdersRepository(tables.orders);

export interface OrderSetup {
  /** Units of each product on hand; one product per entry, ordered in the same positions. */
  onHand?: number[];
  quantities?: number[];
  unitPrices?: number[];
  balance?: number;
  /** An existing slot to deliver in; otherwise a new one with `slotCapacity` places. */
  deliverySlotId?: string;
  slotCapacity?: number;
}

export async function arrangeOrder(setup: OrderSetup = {}): Promise<OrderSagaInput> {
  const quantities = setup.quantities ?? [2, 1];
  const unitPrices = setup.unitPrices ?? quantities.map((_, index) => 500 - index * 200);
  const onHand = setup.onHand ?? quantities.map(() => 10);
  const productIds = quantities.map(() => uniqueId('product'));
  await Promise.all(
    productIds.map((productId, index) => inventory.setOnHand(productId, onHand[index] ?? 0)),
  );
  const deliverySlotId =
    setup.deliverySlotId ??
    (
      await delivery.createSlot({
        start: '2093-06-01T09:00:00Z',
        end: '2093-06-01T11:00:00Z',
        capacity: setup.slotCapacity ?? 2,
      })
    ).slotId;

  const lines = productIds.map((productId, index) => {
    const quantity = quantities[index] ?? 1;
    const unitPrice = unitPrices[index] ?? 100;
    return {
      productId,
      name: `Product ${index + 1}`,
      quantity,
      unitPrice,
      lineTotal: quantity * unitPrice,
    };
  });
  const input = sagaInput({
    items: lines.map(({ productId, quantity }) => ({ productId, quantity })),
    total: lines.reduce((sum, line) => sum + line.lineTotal, 0),
    deliverySlotId,
  });
  await payments.openWallet(input.userId);
  if ((setup.balance ?? 10_000) > 0) await payments.deposit(input.userId, setup.balance ?? 10_000);
  await orders.createOrder({
    orderId: input.orderId,
    userId: input.userId,
    items: lines,
    total: input.total,
    currency: input.currency,
    deliverySlotId,
  });
  return input;
}

/** The wallet, the stock levels and the slot: everything an order may change outside its own records. */
export async function sharedState(input: OrderSagaInput): Promise<Record<string, unknown>[]> {
  const ids = [input.userId, input.deliverySlotId, ...input.items.map((item) => item.productId)];
  const [wallet, stock, slot] = await Promise.all([
    snapshotTable(tables.payments, ids),
    snapshotTable(tables.inventory, ids),
    snapshotTable(tables.delivery, ids),
  ]);
  return [
    ...wallet.filter((item) => item.sk === 'WALLET'),
    ...stock.filter((item) => item.sk === 'STOCK'),
    ...slot.filter((item) => item.sk === 'SLOT'),
  ];
}
