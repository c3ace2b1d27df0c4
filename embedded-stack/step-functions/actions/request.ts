import type * as z from 'zod';
import { ServiceError } from '../protocol';

// Request schemas are not strict on purpose: AWS ignores members it does not
// know, and newer SDKs send optional ones this server does not model.
export const parseRequest = <Schema extends z.ZodType>(
  schema: Schema,
  body: unknown,
): z.infer<Schema> => {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map(
    (issue) => `Value at '${issue.path.join('.')}' failed to satisfy constraint: ${issue.message}`,
  );
  throw new ServiceError(
    'ValidationException',
    `${problems.length} validation error${problems.length === 1 ? '' : 's'} detected: ${problems.join('; ')}`,
  );
};
