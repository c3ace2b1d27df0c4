import { randomUUID } from 'node:crypto';
import { eventually } from './contract-checks';
import type { Product } from '../../contracts/http/catalog';
import type { Page } from '../../contracts/http/common';
import type { Slot } from '../../contracts/http/delivery';
import type { StockLevel } from '../../contracts/http/inventory';
import { notificationPageSchema, type NotificationView } from '../../contracts/http/notifications';
import {
  orderSchema,
  sagaTraceSchema,
  type Order,
  type OrderItem,
  type SagaTrace,
} from '../../contracts/http/orders';
import type { WalletBalance } from '../../contracts/http/payments';
import { adminToken, api, registerAndLogin, shopApi, type TestUser } from './http-client';

/**
 * What an order needs, arranged through the public API as a customer and the admin would, and
 * what it changes, read back through the same API. For the end-to-end tests of orders.
 */

export type {
  NotificationView as Notification,
  Order,
  OrderItem,
  Page,
  Product,
  SagaTrace,
  Slot,
  StockLevel,
  WalletBalance as Wallet,
};

const expectStatus = <T>(what: string, response: { status: number; body: T }, status: number) => {
  if (response.status !== status) {
    throw new Error(`${what}: ${response.status} ${JSON.stringify(response.body)}`);
  }
  return response.body;
};

/** A new customer with `amount` deposited in the wallet (none for 0). */
export async function customerWith(amount: number): Promise<TestUser> {
  const customer = await registerAndLogin();
  if (amount > 0) await shopApi().deposit(customer.token, amount);
  return customer;
}

/** A new product at `price`, with `onHand` units in stock. */
export async function productInStock(
  price: number,
  onHand: number,
  name = `Mug ${randomUUID()}`,
): Promise<Product> {
  const admin = await adminToken();
  const product = await shopApi().createProduct(admin, { name, price });
  await shopApi().setStock(admin, product.productId, onHand);
  return product;
}

/** A UTC day far ahead that no other test uses: its slots are this test's alone. */
const freshDay = (): string =>
  new Date(Date.UTC(2300, 0, 1) + Math.floor(Math.random() * 300_000) * 86_400_000)
    .toISOString()
    .slice(0, 10);

/** A new delivery slot with `capacity` places, on a day of its own. */
export async function freshSlot(capacity: number): Promise<Slot> {
  const date = freshDay();
  return shopApi().createSlot(await adminToken(), {
    start: `${date}T09:00:00Z`,
    end: `${date}T11:00:00Z`,
    capacity,
  });
}

export const slotNow = async (slot: Pick<Slot, 'slotId' | 'start'>): Promise<Slot | undefined> =>
  (await shopApi().slotsOn(slot.start.slice(0, 10))).items.find(
    (item) => item.slotId === slot.slotId,
  );

export const walletOf = (customer: TestUser): Promise<WalletBalance> =>
  shopApi().wallet(customer.token);

export const stockOf = (productId: string): Promise<StockLevel> => shopApi().stockLevel(productId);

/** The customer's wallet, the products' stock levels and the slot, as the API shows them now. */
export async function outsideState(customer: TestUser, productIds: string[], slot: Slot) {
  const [wallet, stock, slotState] = await Promise.all([
    walletOf(customer),
    Promise.all(productIds.map(stockOf)),
    slotNow(slot),
  ]);
  return { wallet, stock, slot: slotState };
}

export const placeOrder = (
  customer: TestUser,
  items: { productId: string; quantity: number }[],
  deliverySlotId: string,
) => api.post<Order>('/orders', { items, deliverySlotId }, { token: customer.token });

/**
 * Polls the order until its saga has ended (API.md: within 10 seconds locally; an order whose
 * undo keeps failing takes the undo's retries longer, so its tests wait more).
 */
export async function orderWhenEnded(
  customer: TestUser,
  orderId: string,
  deadlineMs = 15_000,
): Promise<Order> {
  const response = await eventually(
    () => api.get<Order>(`/orders/${orderId}`, { token: customer.token }),
    ({ status, body }) => status !== 200 || body.status !== 'PENDING',
    deadlineMs,
  );
  const order = orderSchema.parse(expectStatus(`GET /orders/${orderId}`, response, 200));
  if (order.status === 'PENDING') {
    throw new Error(`Order ${orderId} still PENDING after ${deadlineMs / 1000} s`);
  }
  return order;
}

/** Polls the customer's notifications until one passes `wanted`, or the deadline passes. */
export async function notificationsUntil(
  customer: TestUser,
  wanted: (items: NotificationView[]) => boolean,
): Promise<NotificationView[]> {
  const response = await eventually(
    () => api.get<Page<NotificationView>>('/notifications?limit=100', { token: customer.token }),
    ({ status, body }) => status === 200 && wanted(body.items),
    10_000,
  );
  return notificationPageSchema.parse(expectStatus('GET /notifications', response, 200)).items;
}

/**
 * Polls the order's saga trace until the execution has ended: the order's status changes in a
 * step (ConfirmOrder, CancelOrder), a moment before the execution reaches its end state.
 */
export async function sagaTraceWhenEnded(customer: TestUser, orderId: string): Promise<SagaTrace> {
  const response = await eventually(
    () => api.get<SagaTrace>(`/orders/${orderId}/saga`, { token: customer.token }),
    ({ status, body }) => status !== 200 || body.status !== 'RUNNING',
    10_000,
  );
  return sagaTraceSchema.parse(expectStatus(`GET /orders/${orderId}/saga`, response, 200));
}
