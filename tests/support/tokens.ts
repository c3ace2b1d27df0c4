import { createPrivateKey, createSign, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import {
  CognitoIdentityProviderClient,
  InitiateAuthCommand,
} from '@aws-sdk/client-cognito-identity-provider';

/**
 * Tokens for authentication tests. Each forged token is a copy of a real access token with one
 * thing wrong, so a test that sees it refused knows exactly which check refused it.
 */

type Claims = Record<string, unknown>;
interface Header {
  alg: string;
  kid?: string;
  typ?: string;
}

const segment = (value: unknown): string =>
  Buffer.from(JSON.stringify(value)).toString('base64url');

export function decodeToken(token: string): { header: Header; claims: Claims } {
  const [header = '', claims = ''] = token.split('.');
  return {
    header: JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as Header,
    claims: JSON.parse(Buffer.from(claims, 'base64url').toString('utf8')) as Claims,
  };
}

export function signToken(header: Header, claims: Claims, key: KeyObject): string {
  const content = `${segment(header)}.${segment(claims)}`;
  const signature = createSign('RSA-SHA256').update(content).sign(key).toString('base64url');
  return `${content}.${signature}`;
}

/** The key cognito-local signs every token with (its package ships it; kid "CognitoLocal"). */
export const cognitoLocalKey = (): KeyObject => {
  const file = require.resolve('cognito-local/lib/keys/cognitoLocal.private.json');
  return createPrivateKey((JSON.parse(readFileSync(file, 'utf8')) as { pem: string }).pem);
};

const now = (): number => Math.floor(Date.now() / 1000);

export const forgedTokens = {
  /** Correctly signed by the pool's own key, with the same claims, but expired an hour ago. */
  expired(accessToken: string): string {
    const { header, claims } = decodeToken(accessToken);
    return signToken(
      header,
      { ...claims, iat: now() - 7200, auth_time: now() - 7200, exp: now() - 3600 },
      cognitoLocalKey(),
    );
  },

  /** The same header (kid included) and claims, signed by a key the pool never published. */
  signedByAnotherKey(accessToken: string): string {
    const { header, claims } = decodeToken(accessToken);
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    return signToken(header, claims, privateKey);
  },

  /** The same claims with `alg: none` and no signature at all. */
  algNone(accessToken: string): string {
    const { header, claims } = decodeToken(accessToken);
    return `${segment({ ...header, alg: 'none' })}.${segment(claims)}.`;
  },

  /** Correctly signed by the pool's own key, with some claims changed (e.g. another client_id). */
  withClaims(accessToken: string, changes: Claims): string {
    const { header, claims } = decodeToken(accessToken);
    return signToken(header, { ...claims, ...changes }, cognitoLocalKey());
  },

  /** The claims changed (e.g. into the admin group), the pool's signature of the original kept. */
  tampered(accessToken: string, changes: Claims): string {
    const [header = '', , signature = ''] = accessToken.split('.');
    const { claims } = decodeToken(accessToken);
    return `${header}.${segment({ ...claims, ...changes })}.${signature}`;
  },

  garbage: 'this-is.not-a.jwt',
};

/**
 * A real ID token (not an access token) of the user, straight from Cognito: the shop's API hands
 * out access tokens only. Uses the SDK's endpoint variables and COGNITO_CLIENT_ID of the stack.
 */
export async function idTokenFor(email: string, password: string): Promise<string> {
  const client = new CognitoIdentityProviderClient({});
  try {
    const { AuthenticationResult } = await client.send(
      new InitiateAuthCommand({
        ClientId: process.env.COGNITO_CLIENT_ID,
        AuthFlow: 'USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: email, PASSWORD: password },
      }),
    );
    if (!AuthenticationResult?.IdToken) throw new Error('Cognito returned no ID token');
    return AuthenticationResult.IdToken;
  } finally {
    client.destroy();
  }
}
