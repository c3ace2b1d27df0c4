import { randomUUID } from 'node:crypto';
import * as z from 'zod';
import {
  depositReceivedEventSchema,
  orderCancelledEventSchema,
  orderCompensationFailedEventSchema,
  orderConfirmedEventSchema,
  userRegisteredEventSchema,
  withdrawalMadeEventSchema,
} from '../../../contracts/events';
import { listAdminsCall } from '../../../contracts/internal-calls';
import { callFunction } from '../../lib/internal-calls';
import { logger } from '../../lib/logger';
import { snsHandler } from '../../lib/middleware/sns-handler';
import { loadConfig, resourceName } from '../../lib/config';
import { notificationsConfig } from '../config';
import { adminNotificationFor, notificationFor, type Notification } from '../domain/notification';
import { createNotificationsRepository } from '../notifications-repository';

// Only this function asks who the admins are: listNotifications does not carry the name.
const { ADMINS_FUNCTION_NAME } = loadConfig(z.object({ ADMINS_FUNCTION_NAME: resourceName }));
const notifications = createNotificationsRepository(notificationsConfig.NOTIFICATIONS_TABLE_NAME);

// The events of the subscription's filter policy (functions.yml), each with its own schema.
const notifiableEventSchema = z.discriminatedUnion('eventType', [
  userRegisteredEventSchema,
  orderConfirmedEventSchema,
  orderCancelledEventSchema,
  orderCompensationFailedEventSchema,
  depositReceivedEventSchema,
  withdrawalMadeEventSchema,
]);

// Who the admins are is the users context's to know (its read API over the identity provider).
const adminIds = async (): Promise<string[]> =>
  (await callFunction(ADMINS_FUNCTION_NAME, listAdminsCall, {})).userIds;

const record = async (notification: Notification, eventType: string): Promise<void> => {
  const { recorded } = await notifications.record(notification);
  logger.info(recorded ? 'Notification recorded' : 'Notification already recorded', {
    eventType,
    userId: notification.userId,
    type: notification.type,
    orderId: notification.orderId,
  });
};

export const handler = snsHandler(notifiableEventSchema, async (event) => {
  await record(notificationFor(event, randomUUID()), event.eventType);
  if (event.eventType !== 'OrderCompensationFailed') return;
  // Each recipient's record is idempotent by its own marker: a redelivery adds none twice, and
  // an admin whose own order it is gets the one notification.
  for (const adminId of await adminIds()) {
    if (adminId === event.userId) continue;
    await record(adminNotificationFor(event, adminId, randomUUID()), event.eventType);
  }
});
