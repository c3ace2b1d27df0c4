import { idempotencySortKey, type IdempotencyRecordKey } from '../lib/idempotency/idempotency';

// The Idempotency-Key records of POST /wallet/deposits and POST /wallet/withdrawals, in the
// payments table next to the wallet they concern (see payments-repository.ts for the rest of the
// key design):
//   idempotency  pk=WALLET#<userId>  sk=IDEMPOTENCY#<deposit|withdrawal>#<sha256 of the key>
//                status, requestHash, operationId (the movement's transactionId), response,
//                lockToken?, lockedUntil?, and expiresAt
//                (epoch seconds, the table's TTL attribute)
// The ledger is read with begins_with(sk, 'TX#'), so these never show as transactions. A key is
// the user's per operation: the same key on a deposit and on a withdrawal are two requests.

export type WalletOperation = 'deposit' | 'withdrawal';

export const walletRequestKey = (
  operation: WalletOperation,
  userId: string,
  key: string,
): IdempotencyRecordKey => ({
  pk: `WALLET#${userId}`,
  sk: idempotencySortKey(operation, key),
});
