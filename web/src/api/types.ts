// The shapes of the shop's HTTP API the console reads (API.md).
import type { AslDefinition } from '../saga-graph';

export type { SagaTrace, TraceStep, AslDefinition } from '../saga-graph';

export interface Page<T> {
  items: T[];
  nextCursor?: string;
}

export interface Product {
  productId: string;
  name: string;
  description?: string;
  price: number;
  currency: string;
  createdAt: string;
}

export interface StockLevel {
  productId: string;
  onHand: number;
  reserved: number;
  available: number;
}

export interface Profile {
  userId: string;
  email: string;
  name: string;
  phone?: string;
  isAdmin: boolean;
}

export interface Wallet {
  balance: number;
  held: number;
  available: number;
  currency: string;
}

export interface WalletTransaction {
  transactionId: string;
  type: 'DEPOSIT' | 'WITHDRAWAL' | 'HOLD' | 'CAPTURE' | 'RELEASE';
  amount: number;
  orderId?: string;
  createdAt: string;
}

export interface Slot {
  slotId: string;
  start: string;
  end: string;
  capacity: number;
  booked: number;
  available: number;
}

export type OrderStatus = 'PENDING' | 'CONFIRMED' | 'CANCELLED' | 'COMPENSATION_FAILED';

export interface Order {
  orderId: string;
  userId: string;
  status: OrderStatus;
  items: {
    productId: string;
    name: string;
    quantity: number;
    unitPrice: number;
    lineTotal: number;
  }[];
  total: number;
  currency: string;
  deliverySlotId: string;
  cancellationReason?: string;
  createdAt: string;
  updatedAt: string;
}

export interface Notification {
  notificationId: string;
  type: string;
  orderId?: string;
  message: string;
  createdAt: string;
}

export interface SagaDefinition {
  stateMachineArn: string;
  name: string;
  type: string;
  definition: AslDefinition;
}

export interface MetricSeries {
  name: string;
  stat: string;
  unit: string;
  dimensions: Record<string, string>;
  points: { t: string; value: number }[];
}

export interface Metrics {
  from: string;
  to: string;
  period: number;
  series: MetricSeries[];
}
