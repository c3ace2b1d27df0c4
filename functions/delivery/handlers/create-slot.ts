import * as z from 'zod';
import { adminRoute } from '../../lib/middleware/http-auth';
import { json } from '../../lib/middleware/http-handler';
import { deliveryConfig } from '../config';
import { createDeliveryRepository } from '../delivery-repository';
import { MAX_CAPACITY } from '../domain/slot';

const delivery = createDeliveryRepository(deliveryConfig.DELIVERY_TABLE_NAME);

// Times with an offset are taken and stored in UTC; that end is after start is the domain's rule.
const bodySchema = z.strictObject({
  start: z.iso.datetime({ offset: true }),
  end: z.iso.datetime({ offset: true }),
  capacity: z.int().min(0).max(MAX_CAPACITY),
});

export const handler = adminRoute({ body: bodySchema }, async ({ body }) =>
  json(201, await delivery.createSlot(body)),
);
