import type { Session } from '../../../contracts/http/users';

export type { Session };

/**
 * The claims of a token Cognito just handed us over TLS: read, not verified (verifying is for
 * tokens that come from clients, see functions/lib/middleware/http-auth.ts).
 */
export const claimsOf = (token: string): Record<string, unknown> => {
  const payload = token.split('.')[1] ?? '';
  try {
    const claims: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    return typeof claims === 'object' && claims !== null ? (claims as Record<string, unknown>) : {};
  } catch {
    return {};
  }
};

/**
 * Cognito reports the lifetime as ExpiresIn; cognito-local leaves it out, and the token's own
 * `exp` says the same thing.
 */
export const sessionOf = (
  accessToken: string,
  expiresIn: number | undefined,
  nowSeconds: number,
): Session => {
  const exp = claimsOf(accessToken).exp;
  const lifetime = expiresIn ?? (typeof exp === 'number' ? exp - nowSeconds : 0);
  return { accessToken, expiresIn: Math.max(0, Math.floor(lifetime)), tokenType: 'Bearer' };
};
