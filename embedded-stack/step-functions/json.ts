/** A JSON value as `JSON.parse` gives it. */
export type JsonValue =
  null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** Text as a Lambda payload carries it: `undefined` travels as `null`. */
export const toJsonText = (value: unknown): string => JSON.stringify(value) ?? 'null';

// JSON.parse only ever produces JSON values; the cast names what it returns.
export const parseJson = (text: string): JsonValue => JSON.parse(text) as JsonValue;
