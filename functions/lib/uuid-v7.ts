import { randomBytes } from 'node:crypto';

/**
 * A new UUID version 7 (RFC 9562), whose first 48 bits are the creation time in milliseconds.
 * Ids sort by creation time (as strings too: lower-case hex of fixed length), so they index well
 * and read in order in logs and in the Step Functions console; the 74 random bits make them
 * unguessable. Own code: node:crypto has randomUUID (version 4) only, and these dozen lines are
 * all a version 7 needs.
 */
export const newUuidV7 = (
  now: number = Date.now(),
  random: Uint8Array = randomBytes(10),
): string => {
  const bytes = new Uint8Array(16);
  let time = now;
  for (let index = 5; index >= 0; index--) {
    bytes[index] = time % 256;
    time = Math.floor(time / 256);
  }
  bytes.set(random.subarray(0, 10), 6);
  bytes[6] = 0x70 | ((bytes[6] ?? 0) & 0x0f); // version 7
  bytes[8] = 0x80 | ((bytes[8] ?? 0) & 0x3f); // variant 10
  const hex = Buffer.from(bytes).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};

/** The creation time (epoch milliseconds) a UUID v7 carries in its first 48 bits. */
export const uuidV7Time = (id: string): number =>
  Number.parseInt(id.replace(/-/g, '').slice(0, 12), 16);
