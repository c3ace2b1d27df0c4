import { randomUUID } from 'node:crypto';
import * as z from 'zod';
import {
  depositReceivedEventSchema,
  orderCancelledEventSchema,
  orderConfirmedEventSchema,
  userRegisteredEventSchema,
  withdrawalMadeEventSchema,
} from '../../../contracts/events';
import { logger } from '../../lib/logger';
import { snsHandler } from '../../lib/middleware/sns-handler';
import { notificationsConfig } from '../config';
import { notificationFor } from '../domain/notification';
import { createNotificationsRepository } from '../notifications-repository';

const notifications = createNotificationsRepository(notificationsConfig.NOTIFICATIONS_TABLE_NAME);

// The events of the subscription's filter policy (functions.yml), each with its own schema.
const notifiableEventSchema = z.discriminatedUnion('eventType', [
  userRegisteredEventSchema,
  orderConfirmedEventSchema,
  orderCancelledEventSchema,
  depositReceivedEventSchema,
  withdrawalMadeEventSchema,
]);

export const handler = snsHandler(notifiableEventSchema, async (event) => {
  const notification = notificationFor(event, randomUUID());
  const { recorded } = await notifications.record(notification);
  logger.info(recorded ? 'Notification recorded' : 'Notification already recorded', {
    eventType: event.eventType,
    userId: notification.userId,
    type: notification.type,
    orderId: notification.orderId,
  });
});
