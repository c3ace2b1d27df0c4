import * as z from 'zod';
import { id } from '../fields';

/** POST /auth/register's answer. */
export const registeredUserSchema = z.strictObject({
  userId: id,
  email: z.string(),
  name: z.string(),
});
export type RegisteredUser = z.infer<typeof registeredUserSchema>;

/** POST /auth/login's answer. */
export const sessionSchema = z.strictObject({
  accessToken: z.string().min(1),
  /** Seconds the access token stays valid. */
  expiresIn: z.int(),
  tokenType: z.literal('Bearer'),
});
export type Session = z.infer<typeof sessionSchema>;

/** What GET and PATCH /users/me answer: the profile plus the caller's admin flag. */
export const profileViewSchema = z.strictObject({
  userId: id,
  email: z.string(),
  name: z.string(),
  phone: z.string().optional(),
  isAdmin: z.boolean(),
});
export type ProfileView = z.infer<typeof profileViewSchema>;
