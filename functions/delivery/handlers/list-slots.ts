import { slotQuerySchema } from '../../../contracts/http/delivery';
import { json, publicRoute } from '../../lib/middleware/http-handler';
import { deliveryConfig } from '../config';
import { createDeliveryRepository } from '../delivery-repository';

const delivery = createDeliveryRepository(deliveryConfig.DELIVERY_TABLE_NAME);

export const handler = publicRoute(
  { query: slotQuerySchema },
  async ({ query: { date, ...page } }) => json(200, await delivery.pageSlotsByDate(date, page)),
);
