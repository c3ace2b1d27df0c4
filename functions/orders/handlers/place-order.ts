import * as z from 'zod';
import { loadConfig, resourceName, shopCurrency } from '../../lib/config';
import { faultInjectionEnabled, parseFaultHeader } from '../../lib/middleware/fault-injection';
import { json } from '../../lib/middleware/http-handler';
import { userRoute } from '../../lib/middleware/http-auth';
import { headerValue } from '../../lib/middleware/http-request';
import {
  createIdempotencyStore,
  idempotencyKeyOf,
  requestHash,
  runIdempotent,
} from '../../lib/idempotency/idempotency';
import { callFunction } from '../../lib/internal-calls';
import { describeSlotCall, quoteProductsCall } from '../../../contracts/internal-calls';
import { ordersConfig } from '../config';
import { placeOrderRequest, type Order } from '../domain/order';
import { newOrderId } from '../domain/order-id';
import { createOrderPlacement } from '../order-placement';
import { createOrderSagaStarter } from '../order-saga-starter';
import { placeOrderBodySchema } from '../order-schemas';
import { createOrdersRepository, placeOrderRequestKey } from '../orders-repository';

const config = loadConfig(
  z.object({
    SHOP_CURRENCY: shopCurrency,
    ORDER_SAGA_STATE_MACHINE_ARN: resourceName,
    CATALOG_QUOTE_FUNCTION_NAME: resourceName,
    DELIVERY_SLOT_FUNCTION_NAME: resourceName,
    // API.md: 0 turns the DUPLICATE_ORDER check off. At most a day: the fingerprints' TTL.
    DUPLICATE_ORDER_WINDOW_SECONDS: z.coerce.number().int().min(0).max(86_400).default(300),
  }),
);

const placement = createOrderPlacement({
  quoteProducts: async (productIds) => {
    const { products } = await callFunction(config.CATALOG_QUOTE_FUNCTION_NAME, quoteProductsCall, {
      productIds,
    });
    return products;
  },
  slotExists: async (slotId) => {
    const { slot } = await callFunction(config.DELIVERY_SLOT_FUNCTION_NAME, describeSlotCall, {
      slotId,
    });
    return slot !== null;
  },
  orders: createOrdersRepository(ordersConfig.ORDERS_TABLE_NAME),
  startSaga: createOrderSagaStarter(config.ORDER_SAGA_STATE_MACHINE_ARN),
  newOrderId: () => newOrderId(),
  currency: config.SHOP_CURRENCY,
  duplicateWindowSeconds: config.DUPLICATE_ORDER_WINDOW_SECONDS,
});

// Idempotency-Key records live in the orders context's own table.
const requests = createIdempotencyStore(ordersConfig.ORDERS_TABLE_NAME);

const answer = (status: number, order: Order) =>
  json(status, order, { location: `/orders/${order.orderId}` });

/**
 * POST /orders. With an Idempotency-Key the first request answers 201 and a repeat of it 200
 * with the same order; without one, the same order again within the window is 409
 * DUPLICATE_ORDER (see order-placement.ts).
 */
export const handler = userRoute(
  { body: placeOrderBodySchema },
  async ({ body, caller, event, context }) => {
    const faultHeader = faultInjectionEnabled()
      ? headerValue(event, 'x-fault-injection')
      : undefined;
    const faults = faultHeader === undefined ? undefined : parseFaultHeader(faultHeader);
    const key = idempotencyKeyOf(event);
    if (key === undefined)
      return answer(201, await placement.place(caller.userId, body, { faults }));

    const { response, replayed } = await runIdempotent(
      {
        store: requests,
        recordKey: placeOrderRequestKey(caller.userId, key),
        requestHash: requestHash(placeOrderRequest(body)),
        context,
      },
      (orderId) => placement.place(caller.userId, body, { faults, idempotent: true, orderId }),
    );
    return answer(replayed ? 200 : 201, response);
  },
);
