import { internalFunction } from '../../lib/middleware/internal-handler';
import {
  describeSlotAnswerSchema,
  describeSlotRequestSchema,
} from '../../../contracts/internal-calls';
import { deliveryConfig } from '../config';
import { createDeliveryRepository } from '../delivery-repository';

const delivery = createDeliveryRepository(deliveryConfig.DELIVERY_TABLE_NAME);

/** The delivery context's read API for other contexts: a slot as it stands (orders checks it). */
export const handler = internalFunction(
  { request: describeSlotRequestSchema, answer: describeSlotAnswerSchema },
  async ({ slotId }) => ({ slot: (await delivery.getSlot(slotId)) ?? null }),
);
