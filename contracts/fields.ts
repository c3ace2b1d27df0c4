import * as z from 'zod';

// Field schemas the contracts share, written once.

/** An id: a user's, an order's, a product's, a slot's (API.md: 1-128 characters). */
export const id = z.string().min(1).max(128);

/** An ISO 4217 code; one currency per deployment (API.md: `SHOP_CURRENCY`). */
export const currencyCode = z.string().regex(/^[A-Z]{3}$/, 'must be 3 upper-case letters');
