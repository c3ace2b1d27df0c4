import { randomUUID } from 'node:crypto';
import { eventually } from './contract-checks';
import { adminToken, api, registerAndLogin, type TestUser } from './http-client';

/**
 * What an order needs, arranged through the public API as a customer and the admin would, and
 * what it changes, read back through the same API. For the end-to-end tests of orders.
 */

export interface Product {
  productId: string;
  name: string;
  price: number;
  currency: string;
}
export interface StockLevel {
  productId: string;
  onHand: number;
  reserved: number;
  available: number;
}
export interface Slot {
  slotId: string;
  start: string;
  end: string;
  capacity: number;
  booked: number;
  available: number;
}
export interface Wallet {
  balance: number;
  held: number;
  available: number;
  currency: string;
}
export interface OrderItem {
  productId: string;
  name: string;
  quantity: number;
  unitPrice: number;
  lineTotal: number;
}
export interface Order {
  orderId: string;
  userId: string;
  status: 'PENDING' | 'CONFIRMED' | 'CANCELLED' | 'COMPENSATION_FAILED';
  items: OrderItem[];
  total: number;
  currency: string;
  deliverySlotId: string;
  cancellationReason?: string;
  createdAt: string;
  updatedAt: string;
}
export interface Notification {
  notificationId: string;
  type:
    | 'WELCOME'
    | 'ORDER_CONFIRMED'
    | 'ORDER_CANCELLED'
    | 'DEPOSIT_RECEIVED'
    | 'WITHDRAWAL_MADE'
    | 'ORDER_COMPENSATION_FAILED';
  orderId?: string;
  message: string;
  createdAt: string;
}
export interface Page<T> {
  items: T[];
  nextCursor?: string;
}

const expectStatus = <T>(what: string, response: { status: number; body: T }, status: number) => {
  if (response.status !== status) {
    throw new Error(`${what}: ${response.status} ${JSON.stringify(response.body)}`);
  }
  return response.body;
};

/** A new customer with `amount` deposited in the wallet (none for 0). */
export async function customerWith(amount: number): Promise<TestUser> {
  const customer = await registerAndLogin();
  if (amount > 0) {
    expectStatus(
      'POST /wallet/deposits',
      await api.post('/wallet/deposits', { amount }, { token: customer.token }),
      201,
    );
  }
  return customer;
}

/** A new product at `price`, with `onHand` units in stock. */
export async function productInStock(price: number, onHand: number): Promise<Product> {
  const admin = await adminToken();
  const product = expectStatus(
    'POST /products',
    await api.post<Product>('/products', { name: `Mug ${randomUUID()}`, price }, { token: admin }),
    201,
  );
  expectStatus(
    `PUT /inventory/${product.productId}`,
    await api.put(`/inventory/${product.productId}`, { onHand }, { token: admin }),
    200,
  );
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
  return expectStatus(
    'POST /delivery/slots',
    await api.post<Slot>(
      '/delivery/slots',
      { start: `${date}T09:00:00Z`, end: `${date}T11:00:00Z`, capacity },
      { token: await adminToken() },
    ),
    201,
  );
}

export const slotNow = async (slot: Pick<Slot, 'slotId' | 'start'>): Promise<Slot | undefined> => {
  const { items } = expectStatus(
    'GET /delivery/slots',
    await api.get<Page<Slot>>(`/delivery/slots?date=${slot.start.slice(0, 10)}&limit=100`),
    200,
  );
  return items.find((item) => item.slotId === slot.slotId);
};

export const walletOf = async (customer: TestUser): Promise<Wallet> =>
  expectStatus('GET /wallet', await api.get<Wallet>('/wallet', { token: customer.token }), 200);

export const stockOf = async (productId: string): Promise<StockLevel> =>
  expectStatus(
    `GET /inventory/${productId}`,
    await api.get<StockLevel>(`/inventory/${productId}`),
    200,
  );

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
  const order = expectStatus(`GET /orders/${orderId}`, response, 200);
  if (order.status === 'PENDING') {
    throw new Error(`Order ${orderId} still PENDING after ${deadlineMs / 1000} s`);
  }
  return order;
}

/** Polls the customer's notifications until one passes `wanted`, or the deadline passes. */
export async function notificationsUntil(
  customer: TestUser,
  wanted: (items: Notification[]) => boolean,
): Promise<Notification[]> {
  const response = await eventually(
    () => api.get<Page<Notification>>('/notifications?limit=100', { token: customer.token }),
    ({ status, body }) => status === 200 && wanted(body.items),
    10_000,
  );
  return expectStatus('GET /notifications', response, 200).items;
}

export interface SagaTrace {
  orderId: string;
  executionId: string;
  status: 'RUNNING' | 'SUCCEEDED' | 'FAILED';
  startedAt: string;
  endedAt?: string;
  steps: {
    state: string;
    type: string;
    status: string;
    startedAt: string;
    endedAt?: string;
    error?: string;
  }[];
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
  return expectStatus(`GET /orders/${orderId}/saga`, response, 200);
}
