import * as z from 'zod';
import { currencyCode } from '../../contracts/fields';
import { ConfigurationError } from './errors';

/** A table, topic or other resource name: required, never defaulted. */
export const resourceName = z.string().trim().min(1);

/** One currency per deployment (API.md: `SHOP_CURRENCY`, default `USD`). */
export const shopCurrency = currencyCode.default('USD');

/**
 * Reads and validates the environment once; call it at module scope so that
 * missing wiring fails the cold start, naming every missing variable, rather
 * than the first request.
 */
export const loadConfig = <S extends z.ZodObject>(
  schema: S,
  env: Record<string, string | undefined> = process.env,
): Readonly<z.output<S>> => {
  const result = schema.safeParse(env);
  if (result.success) return Object.freeze(result.data);

  const missing = new Set<string>();
  const invalid = new Map<string, string>();
  for (const issue of result.error.issues) {
    const variable = String(issue.path[0] ?? '(root)');
    const value = env[variable];
    if (value === undefined || value.trim() === '') missing.add(variable);
    else if (!invalid.has(variable)) invalid.set(variable, issue.message);
  }
  const problems = [
    ...(missing.size > 0 ? [`missing ${[...missing].sort().join(', ')}`] : []),
    ...[...invalid].map(([variable, message]) => `invalid ${variable}: ${message}`),
  ];
  throw new ConfigurationError(`Invalid configuration: ${problems.join('; ')}`, {
    details: { missing: [...missing].sort(), invalid: Object.fromEntries(invalid) },
  });
};
