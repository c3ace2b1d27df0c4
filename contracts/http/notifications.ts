import * as z from 'zod';
import { idSchema, pageOf, timestampSchema } from './common';

// API.md "Notifications".

export const notificationTypeSchema = z.enum([
  'WELCOME',
  'ORDER_CONFIRMED',
  'ORDER_CANCELLED',
  'DEPOSIT_RECEIVED',
  'WITHDRAWAL_MADE',
  'ORDER_COMPENSATION_FAILED',
]);
export type NotificationType = z.infer<typeof notificationTypeSchema>;

/** One message as its user reads it. */
export const notificationSchema = z
  .strictObject({
    notificationId: idSchema,
    type: notificationTypeSchema,
    orderId: idSchema.optional(),
    message: z.string(),
    createdAt: timestampSchema,
  })
  .meta({ id: 'Notification' });
export type NotificationView = z.infer<typeof notificationSchema>;

export const notificationPageSchema = pageOf(notificationSchema, 'NotificationPage');
