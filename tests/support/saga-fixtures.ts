import { randomUUID } from 'node:crypto';
import type { OrderSagaInput } from '../../contracts/order-saga';

export const uniqueId = (prefix: string): string => `${prefix}-${randomUUID()}`;

export const requiredEnv = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`The tests need ${name} in the environment`);
  return value;
};

/** A valid saga input with fresh ids; override what the test is about. */
export const sagaInput = (overrides: Partial<OrderSagaInput> = {}): OrderSagaInput => ({
  orderId: uniqueId('order'),
  userId: uniqueId('user'),
  items: [{ productId: uniqueId('product'), quantity: 1 }],
  total: 1000,
  currency: process.env.SHOP_CURRENCY ?? 'USD',
  deliverySlotId: uniqueId('slot'),
  ...overrides,
});
