import * as z from 'zod';
import {
  emailAddress,
  givenPassword,
  newPassword,
  personName,
  phoneNumber,
} from '../../functions/users/domain/profile';
import { idSchema } from './common';

// API.md "Users and auth".

export const registrationSchema = z
  .strictObject({
    email: emailAddress,
    password: newPassword,
    name: personName,
    phone: phoneNumber.optional(),
  })
  .meta({
    id: 'Registration',
    example: { email: 'ada@example.com', password: 'Passw0rd-1', name: 'Ada' },
  });

/** POST /auth/register's answer. */
export const registeredUserSchema = z
  .strictObject({ userId: idSchema, email: z.string(), name: z.string() })
  .meta({ id: 'RegisteredUser' });
export type RegisteredUser = z.infer<typeof registeredUserSchema>;

export const credentialsSchema = z
  .strictObject({ email: emailAddress, password: givenPassword })
  .meta({ id: 'Credentials', example: { email: 'ada@example.com', password: 'Passw0rd-1' } });

/** POST /auth/login's answer. */
export const sessionSchema = z
  .strictObject({
    accessToken: z.string().min(1),
    expiresIn: z.int().min(0).meta({ description: 'Seconds the access token stays valid' }),
    tokenType: z.literal('Bearer'),
  })
  .meta({ id: 'Session' });
export type Session = z.infer<typeof sessionSchema>;

/** What GET and PATCH /users/me answer: the profile plus the caller's admin flag. */
export const profileSchema = z
  .strictObject({
    userId: idSchema,
    email: z.string(),
    name: z.string(),
    phone: z.string().optional(),
    isAdmin: z.boolean(),
  })
  .meta({ id: 'Profile' });
export type Profile = z.infer<typeof profileSchema>;

// The e-mail address is the sign-in name, Cognito's to change, not the profile's.
export const profileChangesSchema = z
  .strictObject({ name: personName.optional(), phone: phoneNumber.optional() })
  .meta({ id: 'ProfileChanges', example: { name: 'Ada Lovelace' } });
