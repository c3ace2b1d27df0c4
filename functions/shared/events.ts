import { z } from 'zod';

// Event messages on the domain events topic. Publisher and subscribers share
// these schemas; the SNS message attribute `eventType` carries the same value
// for subscription filter policies.

export const userRegisteredEventSchema = z.strictObject({
  eventType: z.literal('UserRegistered'),
  userId: z.string().min(1),
  // The users context validated the address at sign-up; a subscriber must not
  // drop the event over a format quibble.
  email: z.string().min(1),
  name: z.string().min(1),
  occurredAt: z.iso.datetime({ offset: true }),
});

export type UserRegisteredEvent = z.infer<typeof userRegisteredEventSchema>;
