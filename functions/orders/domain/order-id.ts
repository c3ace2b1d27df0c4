import { newUuidV7 } from '../../lib/uuid-v7';

/**
 * A new order id: a UUID version 7, so ids sort by creation time (they index well and read in
 * order in logs and in the Step Functions console, where the execution name is the order id).
 * A request with an Idempotency-Key uses its record's operation id instead, also a UUID v7.
 */
export const newOrderId = (now?: number, random?: Uint8Array): string => newUuidV7(now, random);
