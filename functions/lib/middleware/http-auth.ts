import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { JwtRsaVerifier } from 'aws-jwt-verify';
import { FetchError } from 'aws-jwt-verify/error';
import type { Fetcher } from 'aws-jwt-verify/https';
import { SimpleJwksCache } from 'aws-jwt-verify/jwk';
import * as z from 'zod';
import { loadConfig, resourceName } from '../config';
import { Forbidden, Unauthenticated } from '../errors';
import { tagInvocation } from '../invocation-tags';
import { route, type HttpResponse, type RouteRequest } from './http-handler';
import { headerValue, type RequestSchemas } from './http-request';

/**
 * Who is calling: the Cognito access token of `Authorization: Bearer`, verified here, in the
 * handler, against the user pool's published keys. (An API Gateway authorizer would answer 401
 * with its own body, not the contract's error shape.) The same code runs on AWS, LocalStack and
 * the embedded stack: only AUTH_ISSUER differs.
 */
const config = loadConfig(
  z.object({
    AUTH_ISSUER: z.url(),
    COGNITO_CLIENT_ID: resourceName,
  }),
);

export interface Caller {
  userId: string;
  username: string;
  isAdmin: boolean;
}

// aws-jwt-verify's own fetcher speaks https only; the embedded stack's pool is served over http.
const jwksFetcher: Fetcher = {
  async fetch(uri) {
    const response = await fetch(uri, { signal: AbortSignal.timeout(3000) }).catch(
      (error: unknown) => {
        throw new FetchError(uri, error instanceof Error ? error.message : String(error));
      },
    );
    if (!response.ok) throw new FetchError(uri, `answered ${response.status}`);
    return response.arrayBuffer();
  },
};

const verifier = JwtRsaVerifier.create(
  {
    issuer: config.AUTH_ISSUER,
    audience: null,
    jwksUri: `${config.AUTH_ISSUER}/.well-known/jwks.json`,
    // Only access tokens of this app client: an ID token or another client's token is refused.
    customJwtCheck: ({ payload }) => {
      if (payload.token_use !== 'access') throw new Error('Not an access token');
      if (payload.client_id !== config.COGNITO_CLIENT_ID)
        throw new Error('Token of another client');
    },
  },
  { jwksCache: new SimpleJwksCache({ fetcher: jwksFetcher }) },
);

const groupsOf = (claim: unknown): string[] => {
  if (Array.isArray(claim)) return claim.map(String);
  // API Gateway renders list claims as "[admin other]"; accept that shape as well.
  if (typeof claim === 'string')
    return claim
      .replace(/^\[|\]$/g, '')
      .split(/[\s,]+/)
      .filter(Boolean);
  return [];
};

export async function authenticate(event: APIGatewayProxyEventV2): Promise<Caller> {
  const token = /^Bearer\s+(\S+)\s*$/i.exec(headerValue(event, 'authorization') ?? '')?.[1];
  if (!token) throw new Unauthenticated('Sign in: a bearer token is required');
  const payload = await verifier.verify(token).catch((error: unknown) => {
    // The keys could not be fetched: our fault, not the client's.
    if (error instanceof FetchError) throw error;
    throw new Unauthenticated('The token is invalid or expired');
  });
  if (!payload.sub) throw new Unauthenticated('The token names no user');
  tagInvocation({ userId: payload.sub });
  return {
    userId: payload.sub,
    username: typeof payload.username === 'string' ? payload.username : payload.sub,
    isAdmin: groupsOf(payload['cognito:groups']).includes('admin'),
  };
}

const requireAdmin = async (event: APIGatewayProxyEventV2): Promise<Caller> => {
  const caller = await authenticate(event);
  if (!caller.isAdmin) throw new Forbidden('Only an admin may do this');
  return caller;
};

/** A route for any signed-in user (API.md: **user**). */
export const userRoute = <S extends RequestSchemas>(
  schemas: S,
  handler: (request: RouteRequest<S, Caller>) => Promise<HttpResponse> | HttpResponse,
) => route({ schemas, authorize: authenticate }, handler);

/** A route for a user in the `admin` group (API.md: **admin**). */
export const adminRoute = <S extends RequestSchemas>(
  schemas: S,
  handler: (request: RouteRequest<S, Caller>) => Promise<HttpResponse> | HttpResponse,
) => route({ schemas, authorize: requireAdmin }, handler);
