import * as z from 'zod';
import { ServiceError } from '../errors';

// Request schemas are not strict on purpose: AWS ignores members it does not
// know, and newer SDKs send optional ones this server does not model.
export const parseRequest = <Schema extends z.ZodType>(
  schema: Schema,
  body: unknown,
): z.infer<Schema> => {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map(
    (issue) => `The parameter ${issue.path.join('.')} ${issue.message}`,
  );
  throw new ServiceError('InvalidParameterValueException', problems.join('; '));
};

/** Both protocols hand actions timestamps as epoch seconds. */
export const timestampSchema = z
  .number()
  .refine(Number.isFinite)
  .transform((seconds) => new Date(seconds * 1000));

export const dimensionSchema = z.object({
  Name: z.string().min(1).max(255),
  Value: z.string().min(1).max(1024),
});

export const metricSchema = z.object({
  Namespace: z.string().min(1).max(255),
  MetricName: z.string().min(1).max(255),
  Dimensions: z.array(dimensionSchema).max(30).optional(),
});
