import * as z from 'zod';
import { ServiceError } from './protocol';

const DEFAULT_PAGE_SIZE = 100;

export const maxResultsSchema = z.number().int().min(0).max(1000).optional();
export const nextTokenSchema = z.string().min(1).max(3096).optional();

/** AWS: "A value of 0 uses the default" (100). */
export const pageSize = (maxResults: number | undefined): number =>
  maxResults === undefined || maxResults === 0 ? DEFAULT_PAGE_SIZE : maxResults;

const tokenSchema = z.object({ scope: z.string(), position: z.number().int().min(0) });

// A token is bound to the request it continues (its scope, e.g. the execution
// and direction); positions index append-only lists, so pages stay stable while
// an execution keeps adding events or a state machine keeps adding executions.
export const encodeToken = (scope: string, position: number): string =>
  Buffer.from(JSON.stringify({ scope, position })).toString('base64url');

export const decodeToken = (token: string | undefined, scope: string): number | undefined => {
  if (token === undefined) return undefined;
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    decoded = undefined;
  }
  const parsed = tokenSchema.safeParse(decoded);
  if (!parsed.success || parsed.data.scope !== scope) {
    throw new ServiceError('InvalidToken', `Invalid Token: '${token}'`);
  }
  return parsed.data.position;
};
