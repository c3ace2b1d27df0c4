import * as z from 'zod';
import { pageOf, timestampSchema } from './common';

// API.md "Notifications".

export const notificationSchema = z
  .strictObject({
    notificationId: z.string(),
    type: z.enum([
      'WELCOME',
      'ORDER_CONFIRMED',
      'ORDER_CANCELLED',
      'DEPOSIT_RECEIVED',
      'WITHDRAWAL_MADE',
      'ORDER_COMPENSATION_FAILED',
    ]),
    orderId: z.string().optional(),
    message: z.string(),
    createdAt: timestampSchema,
  })
  .meta({ id: 'Notification' });

export const notificationPageSchema = pageOf(notificationSchema, 'NotificationPage');
