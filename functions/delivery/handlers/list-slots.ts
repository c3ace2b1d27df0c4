import * as z from 'zod';
import { json, publicRoute } from '../../lib/middleware/http-handler';
import { pageQuerySchema } from '../../lib/dynamo/pagination';
import { deliveryConfig } from '../config';
import { createDeliveryRepository } from '../delivery-repository';

const delivery = createDeliveryRepository(deliveryConfig.DELIVERY_TABLE_NAME);

// A day's schedule reads earliest first; like every list it pages with ?limit and ?cursor.
const querySchema = pageQuerySchema.extend({ date: z.iso.date() });

export const handler = publicRoute({ query: querySchema }, async ({ query: { date, ...page } }) =>
  json(200, await delivery.pageSlotsByDate(date, page)),
);
