import { z } from 'zod';
import { loadConfig, resourceName, shopCurrency } from '../shared/config';
import { publishEvent } from '../shared/event-publisher';
import { faultInjectionEnabled, parseFaultHeader } from '../shared/fault-injection';
import { json } from '../shared/http-handler';
import { userRoute } from '../shared/http-auth';
import { headerValue } from '../shared/http-request';
import { callFunction } from '../shared/internal-calls';
import {
  describeSlotAnswerSchema,
  quoteProductsAnswerSchema,
  type DescribeSlotRequest,
  type QuoteProductsRequest,
} from '../shared/internal-contracts';
import { ordersConfig } from './config';
import { newOrderId } from './domain/order-id';
import { createOrderPlacement } from './order-placement';
import { createOrderSagaStarter } from './order-saga-starter';
import { placeOrderBodySchema } from './order-schemas';
import { createOrdersRepository } from './orders-repository';

const config = loadConfig(
  z.object({
    SHOP_CURRENCY: shopCurrency,
    ORDER_SAGA_STATE_MACHINE_ARN: resourceName,
    CATALOG_QUOTE_FUNCTION_NAME: resourceName,
    DELIVERY_SLOT_FUNCTION_NAME: resourceName,
  }),
);

const placement = createOrderPlacement({
  quoteProducts: async (productIds) => {
    const request: QuoteProductsRequest = { productIds };
    const answer = await callFunction(
      config.CATALOG_QUOTE_FUNCTION_NAME,
      request,
      quoteProductsAnswerSchema,
    );
    return answer.products;
  },
  slotExists: async (slotId) => {
    const request: DescribeSlotRequest = { slotId };
    const answer = await callFunction(
      config.DELIVERY_SLOT_FUNCTION_NAME,
      request,
      describeSlotAnswerSchema,
    );
    return answer.slot !== null;
  },
  orders: createOrdersRepository(ordersConfig.ORDERS_TABLE_NAME),
  startSaga: createOrderSagaStarter(config.ORDER_SAGA_STATE_MACHINE_ARN),
  publishEvent,
  newOrderId: () => newOrderId(),
  currency: config.SHOP_CURRENCY,
});

export const handler = userRoute(
  { body: placeOrderBodySchema },
  async ({ body, caller, event }) => {
    const faultHeader = faultInjectionEnabled()
      ? headerValue(event, 'x-fault-injection')
      : undefined;
    const faults = faultHeader === undefined ? undefined : parseFaultHeader(faultHeader);
    const order = await placement.place(caller.userId, body, faults);
    return json(201, order, { location: `/orders/${order.orderId}` });
  },
);
