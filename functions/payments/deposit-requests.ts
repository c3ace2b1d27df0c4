import { idempotencySortKey, type IdempotencyRecordKey } from '../lib/idempotency/idempotency';

// The POST /wallet/deposits Idempotency-Key records, in the payments table next to the wallet
// they concern (see payments-repository.ts for the rest of the key design):
//   idempotency  pk=WALLET#<userId>  sk=IDEMPOTENCY#deposit#<sha256 of the key>
//                status, requestHash, response, lockToken?, lockedUntil?, and expiresAt
//                (epoch seconds, the table's TTL attribute)
// The ledger is read with begins_with(sk, 'TX#'), so these never show as transactions.

export const depositRequestKey = (userId: string, key: string): IdempotencyRecordKey => ({
  pk: `WALLET#${userId}`,
  sk: idempotencySortKey('deposit', key),
});
