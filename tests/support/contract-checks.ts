/**
 * What API.md's Conventions promise every route, as Jest expectations: the one error body shape,
 * and the 400s of a JSON body (malformed, a field missing, of the wrong type, or unknown).
 */

/** `{ error: { code, message, details? } }`; the message is free text unless given. */
export const contractError = (
  code: string,
  { message, details }: { message?: string; details?: unknown } = {},
) => ({
  error: {
    code,
    message: message ?? (expect.any(String) as unknown),
    ...(details !== undefined ? { details } : {}),
  },
});

const invalidField = (field: string, message: unknown = expect.any(String)) =>
  contractError('VALIDATION_FAILED', { details: [{ field, message }] });

/** A case of `badBodies`: what it is, the raw body sent, the body of the 400 expected back. */
export type BadBody = [description: string, rawBody: string, expected: unknown];

/**
 * The bodies a route with a JSON body must answer with 400, derived from one valid body: each
 * required field left out, each listed field given a wrong value, and each listed unknown field
 * added (e.g. `price`, `status`, `userId`, which a client must never set).
 */
export function badBodies(
  valid: Record<string, unknown>,
  fields: {
    required: string[];
    wrongValues: [field: string, value: unknown][];
    unknown: [field: string, value: unknown][];
  },
): BadBody[] {
  const without = (field: string) =>
    Object.fromEntries(Object.entries(valid).filter(([name]) => name !== field));
  return [
    [
      'malformed JSON',
      '{"broken": ',
      contractError('MALFORMED_JSON', { message: 'The body is not valid JSON' }),
    ],
    ['an empty body', '', contractError('MALFORMED_JSON')],
    ['a JSON array', '[]', contractError('VALIDATION_FAILED', { details: expect.any(Array) })],
    // Valid JSON, but no object: VALIDATION_FAILED on AWS. serverless-offline hands a handler
    // the body "null" as no body at all, which reads as MALFORMED_JSON: a 400 either way.
    [
      'JSON null',
      'null',
      {
        error: expect.objectContaining({
          code: expect.stringMatching(/^(VALIDATION_FAILED|MALFORMED_JSON)$/) as unknown,
        }) as unknown,
      },
    ],
    ...fields.required.map((field): BadBody => [
      `no ${field}`,
      JSON.stringify(without(field)),
      invalidField(field),
    ]),
    ...fields.wrongValues.map(([field, value]): BadBody => [
      `${field} ${JSON.stringify(value)}`,
      JSON.stringify({ ...valid, [field]: value }),
      invalidField(field),
    ]),
    ...fields.unknown.map(([field, value]): BadBody => [
      `an unknown field ${field}`,
      JSON.stringify({ ...valid, [field]: value }),
      invalidField(field, 'Unknown field'),
    ]),
  ];
}

/** Polls until `read` gives a value that passes `done`, or the deadline passes; returns the last. */
export async function eventually<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolveDelay) => setTimeout(resolveDelay, 100));
  }
}
