import { sagaStep } from '../../lib/middleware/saga-step';
import { deliveryConfig } from '../config';
import { createDeliveryRepository } from '../delivery-repository';

const delivery = createDeliveryRepository(deliveryConfig.DELIVERY_TABLE_NAME);

export const handler = sagaStep('BookDelivery', ({ orderId, deliverySlotId }) =>
  delivery.bookForOrder(orderId, deliverySlotId),
);
