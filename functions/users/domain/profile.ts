import * as z from 'zod';
import type { UserRegisteredEvent } from '../../../contracts/events';

// The rules of a user's profile. The identity (e-mail and password) lives in Cognito; the profile
// (name, phone) in the users table, keyed by the identity's `sub`.

/**
 * One spelling per address: Cognito matches e-mail attributes case-sensitively, so
 * " Ada@Example.com" and "ada@example.com" would otherwise be two accounts.
 */
export const normaliseEmail = (email: string): string => email.trim().toLowerCase();

export const emailAddress = z
  .string()
  .transform(normaliseEmail)
  .pipe(z.email('must be an e-mail address').max(254));

/** API.md: "password at least 8 chars"; 256 is Cognito's own limit. */
export const newPassword = z
  .string()
  .min(8, 'must be at least 8 characters')
  .max(256, 'must be at most 256 characters');

/** Signing in checks the password against Cognito only: any length rule here would leak nothing. */
export const givenPassword = z.string().min(1, 'is required').max(256);

export const personName = z
  .string()
  .trim()
  .min(1, 'must not be blank')
  .max(100, 'must be at most 100 characters');

// Digits with the usual separators, at least six of them: a number someone can dial, in any
// national or international notation.
export const phoneNumber = z
  .string()
  .trim()
  .regex(
    /^(?=(?:\D*\d){6})\+?[0-9 ()-]{6,24}$/,
    'must be a phone number: at least 6 digits, spaces, ( ) - and a leading +',
  );

export interface Profile {
  /** Cognito's `sub`: the `sub` of every access token of this user. */
  userId: string;
  email: string;
  name: string;
  phone?: string;
  createdAt: string;
  updatedAt: string;
}

export interface ProfileDetails {
  email: string;
  name: string;
  phone?: string | undefined;
}

export interface ProfileChanges {
  name?: string | undefined;
  phone?: string | undefined;
}

export const newProfile = (userId: string, details: ProfileDetails, now: string): Profile => ({
  userId,
  email: normaliseEmail(details.email),
  name: details.name,
  ...(details.phone !== undefined ? { phone: details.phone } : {}),
  createdAt: now,
  updatedAt: now,
});

/** The fields a PATCH actually sets; an empty object changes nothing. */
export const changedFields = (changes: ProfileChanges): ProfileChanges =>
  Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined));

/** What GET and PATCH /users/me answer (API.md): the profile plus the caller's admin flag. */
export const profileView = (profile: Profile, isAdmin: boolean) => ({
  userId: profile.userId,
  email: profile.email,
  name: profile.name,
  ...(profile.phone !== undefined ? { phone: profile.phone } : {}),
  isAdmin,
});

export const userRegistered = (profile: Profile): UserRegisteredEvent => ({
  eventType: 'UserRegistered',
  userId: profile.userId,
  email: profile.email,
  name: profile.name,
  occurredAt: profile.createdAt,
});
