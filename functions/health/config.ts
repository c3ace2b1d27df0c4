import * as z from 'zod';
import { loadConfig, resourceName } from '../lib/config';

/** Every dependency GET /health/ready checks: the seven tables, the saga, the identity provider, the topic. */
export const healthConfig = loadConfig(
  z.object({
    USERS_TABLE_NAME: resourceName,
    CATALOG_TABLE_NAME: resourceName,
    INVENTORY_TABLE_NAME: resourceName,
    PAYMENTS_TABLE_NAME: resourceName,
    DELIVERY_TABLE_NAME: resourceName,
    ORDERS_TABLE_NAME: resourceName,
    NOTIFICATIONS_TABLE_NAME: resourceName,
    ORDER_SAGA_STATE_MACHINE_ARN: resourceName,
    EVENTS_TOPIC_ARN: resourceName,
    AUTH_ISSUER: z.url(),
  }),
);
