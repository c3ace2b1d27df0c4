import { Conflict } from '../lib/errors';
import { logger } from '../lib/logger';
import type { FaultPlan, OrderSagaInput } from '../../contracts/order-saga';
import { recordMetric } from '../lib/metrics';
import { currentCorrelationId, tagInvocation } from '../lib/invocation-tags';
import { SagaNotStarted, UnknownSlot } from './domain/errors';
import {
  duplicateWindowEnd,
  orderFingerprint,
  planCancelUnstarted,
  priceOrder,
  sagaInputFor,
  type Order,
  type ProductQuote,
  type RequestedItem,
} from './domain/order';
import type { PlaceOrderBody } from './order-schemas';
import type { FingerprintClaim, OrdersRepository } from './orders-repository';

/** What placing an order needs from the outside; handlers/place-order.ts wires the real ones. */
export interface OrderPlacementDependencies {
  /** The catalog's current quotes of those of `productIds` it has. */
  quoteProducts: (productIds: string[]) => Promise<ProductQuote[]>;
  /** Whether the delivery context has the slot (full or not: a full slot is the saga's call). */
  slotExists: (slotId: string) => Promise<boolean>;
  orders: Pick<OrdersRepository, 'createOrder' | 'getOrder' | 'transition' | 'releaseFingerprint'>;
  /** Starts the order saga; resolves once Step Functions has the execution. */
  startSaga: (input: OrderSagaInput) => Promise<void>;
  newOrderId: () => string;
  currency: string;
  /**
   * DUPLICATE_ORDER_WINDOW_SECONDS (API.md): how long an order makes the same order again a
   * 409. 0 (the default here) turns the check off.
   */
  duplicateWindowSeconds?: number;
}

export interface PlaceOptions {
  /** The X-Fault-Injection plan, which travels with the saga (API.md). */
  faults?: FaultPlan;
  /**
   * Whether the request carries an Idempotency-Key. Only a request without one is refused as a
   * duplicate; one with a key still records its fingerprint for the requests without.
   */
  idempotent?: boolean;
  /**
   * The Idempotency-Key record's operation id, the same for every run of one request: the order
   * gets it as its id, so a run after an earlier one that wrote the order (and answered 503, or
   * died) finds that order instead of placing a second one.
   */
  orderId?: string;
}

/**
 * POST /orders: price the items at the catalog's prices of now, check the slot exists, write
 * the order PENDING and start its saga.
 */
/**
 * API.md: a cancelled order no longer makes the same order a DUPLICATE_ORDER. Best effort: a
 * fingerprint left behind by a cancelled order is taken over when next met.
 */
export const releaseCancelledFingerprint = async (
  orders: Pick<OrdersRepository, 'releaseFingerprint'>,
  order: Order,
): Promise<void> => {
  await orders
    .releaseFingerprint(order, orderFingerprint(order.userId, order.items, order.deliverySlotId))
    .catch((error: unknown) => {
      logger.warn('The cancelled order kept its fingerprint', { orderId: order.orderId, error });
    });
};

export const createOrderPlacement = (deps: OrderPlacementDependencies) => {
  const windowSeconds = deps.duplicateWindowSeconds ?? 0;

  const fingerprintOf = (order: {
    userId: string;
    items: readonly RequestedItem[];
    deliverySlotId: string;
  }): string => orderFingerprint(order.userId, order.items, order.deliverySlotId);

  const claimFor = (
    userId: string,
    request: PlaceOrderBody,
    idempotent: boolean,
  ): FingerprintClaim | undefined =>
    windowSeconds > 0
      ? {
          fingerprint: fingerprintOf({ userId, ...request }),
          expiresAt: duplicateWindowEnd(Date.now(), windowSeconds),
          whenHeld: idempotent ? 'placeAnyway' : 'refuse',
        }
      : undefined;

  const releaseFingerprint = (order: Order): Promise<void> =>
    releaseCancelledFingerprint(deps.orders, order);

  /**
   * The order is written but its saga could not be started (the SDK has already retried the
   * start, within the function's time). Left PENDING, the order would never move: no saga, no
   * end, no notification. So it is cancelled as TECHNICAL_FAILURE, which needs no undo (nothing
   * was reserved), announced like any cancelled order (the event is written with the change),
   * and the client gets a 500: a real
   * infrastructure failure. If an execution did start after all (a start whose answer was
   * lost), the order is no longer PENDING when the saga has ended, and is answered as it stands;
   * an execution still running finds the order CANCELLED at ConfirmOrder and undoes its steps.
   */
  const abandon = async (order: Order, startError: unknown): Promise<Order> => {
    logger.error('The order saga could not be started', {
      orderId: order.orderId,
      error: startError,
    });
    const { outcome, order: current } = await deps.orders
      .transition('CancelUnstartedOrder', order.orderId, planCancelUnstarted)
      .catch((error: unknown) => {
        // Only an operator can help now: the order stays PENDING with no saga.
        logger.error('The order without a saga could not be cancelled', {
          orderId: order.orderId,
          error,
        });
        throw error;
      });
    if (outcome !== 'CANCELLED') return current;
    await releaseFingerprint(current);
    throw new SagaNotStarted(`The saga of order ${order.orderId} could not be started`);
  };

  const startSagaOf = async (order: Order, faults: FaultPlan | undefined): Promise<Order> => {
    const correlationId = currentCorrelationId();
    try {
      await deps.startSaga({
        ...sagaInputFor(order),
        ...(faults ? { faultInjection: faults } : {}),
        ...(correlationId === undefined ? {} : { correlationId }),
      });
    } catch (error) {
      return abandon(order, error);
    }
    return order;
  };

  /**
   * An earlier run of this very request wrote the order: it is answered as it stands, and its
   * saga started if it may not have been (the earlier run may have stopped in between; a saga
   * already started is no error, see order-saga-starter.ts). Another user's order under this id
   * is no answer: the Conflict stands.
   */
  const earlierRunsOrder = async (
    userId: string,
    orderId: string,
    taken: unknown,
    faults: FaultPlan | undefined,
  ): Promise<Order> => {
    const existing = await deps.orders.getOrder(orderId);
    if (existing?.userId !== userId) throw taken;
    tagInvocation({ orderId });
    logger.info('The order of an earlier run of this request is answered', { orderId });
    return existing.status === 'PENDING' ? startSagaOf(existing, faults) : existing;
  };

  return {
    async place(
      userId: string,
      request: PlaceOrderBody,
      { faults, idempotent = false, orderId }: PlaceOptions = {},
    ): Promise<Order> {
      const [quotes, slotExists] = await Promise.all([
        deps.quoteProducts(request.items.map((item) => item.productId)),
        deps.slotExists(request.deliverySlotId),
      ]);
      const priced = priceOrder(request.items, quotes, deps.currency);
      if (!slotExists) {
        throw new UnknownSlot(`Unknown delivery slot: ${request.deliverySlotId}`, {
          details: { deliverySlotId: request.deliverySlotId },
        });
      }
      let order: Order;
      try {
        order = await deps.orders.createOrder(
          {
            orderId: orderId ?? deps.newOrderId(),
            userId,
            items: priced.items,
            total: priced.total,
            currency: deps.currency,
            deliverySlotId: request.deliverySlotId,
          },
          claimFor(userId, request, idempotent),
        );
      } catch (error) {
        if (orderId === undefined || !(error instanceof Conflict)) throw error;
        return earlierRunsOrder(userId, orderId, error, faults);
      }
      tagInvocation({ orderId: order.orderId });
      const started = await startSagaOf(order, faults);
      recordMetric('ordersPlaced', 1);
      // The first line of the order's story (resources/observability.yml's order-story query).
      logger.info('Order placed', { total: order.total, currency: order.currency });
      return started;
    },
  };
};

export type OrderPlacement = ReturnType<typeof createOrderPlacement>;
