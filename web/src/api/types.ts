// The shapes of the shop's HTTP API the console reads: the types of the contracts' own schemas
// (contracts/http/), imported as types only so that no zod reaches the console's bundle.
import type { Product } from '../../../contracts/http/catalog';
import type { Page } from '../../../contracts/http/common';
import type { Slot } from '../../../contracts/http/delivery';
import type { StockLevel } from '../../../contracts/http/inventory';
import type { NotificationView } from '../../../contracts/http/notifications';
import type { Metrics, SagaDefinitionView } from '../../../contracts/http/operations';
import type { Order, OrderStatus, SagaStep, SagaTrace } from '../../../contracts/http/orders';
import type { WalletBalance, WalletTransaction } from '../../../contracts/http/payments';
import type { Profile } from '../../../contracts/http/users';
import type { AslDefinition } from '../saga-graph';

export type {
  AslDefinition,
  Metrics,
  Order,
  OrderStatus,
  Page,
  Product,
  Profile,
  SagaTrace,
  Slot,
  StockLevel,
  WalletTransaction,
  NotificationView as Notification,
  SagaStep as TraceStep,
  WalletBalance as Wallet,
};

export type MetricSeries = Metrics['series'][number];

/** The API answers the ASL as a JSON object; the console reads it as the ASL it is. */
export type SagaDefinition = Omit<SagaDefinitionView, 'definition'> & { definition: AslDefinition };
