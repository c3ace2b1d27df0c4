import { newSlotSchema } from '../../../contracts/http/delivery';
import { adminRoute } from '../../lib/middleware/http-auth';
import { json } from '../../lib/middleware/http-handler';
import { deliveryConfig } from '../config';
import { createDeliveryRepository } from '../delivery-repository';

const delivery = createDeliveryRepository(deliveryConfig.DELIVERY_TABLE_NAME);

export const handler = adminRoute({ body: newSlotSchema }, async ({ body }) =>
  json(201, await delivery.createSlot(body)),
);
