import { internalFunction } from '../../lib/middleware/internal-handler';
import { describeSlotCall } from '../../../contracts/internal-calls';
import { deliveryConfig } from '../config';
import { createDeliveryRepository } from '../delivery-repository';

const delivery = createDeliveryRepository(deliveryConfig.DELIVERY_TABLE_NAME);

/** The delivery context's read API for other contexts: a slot as it stands (orders checks it). */
export const handler = internalFunction(describeSlotCall, async ({ slotId }) => ({
  slot: (await delivery.getSlot(slotId)) ?? null,
}));
