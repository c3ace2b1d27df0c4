import * as z from 'zod';
import { id } from '../fields';

export const notificationTypeSchema = z.enum([
  'WELCOME',
  'ORDER_CONFIRMED',
  'ORDER_CANCELLED',
  'DEPOSIT_RECEIVED',
  'WITHDRAWAL_MADE',
  'ORDER_COMPENSATION_FAILED',
]);
export type NotificationType = z.infer<typeof notificationTypeSchema>;

/** API.md "Notifications": one message as its user reads it. */
export const notificationSchema = z.strictObject({
  notificationId: id,
  type: notificationTypeSchema,
  orderId: id.optional(),
  message: z.string(),
  createdAt: z.string(),
});
export type NotificationView = z.infer<typeof notificationSchema>;
