import type { DepositReceivedEvent, WithdrawalMadeEvent } from '../../contracts/events';
import { walletMovementSchema } from '../../contracts/http/payments';
import {
  createIdempotencyStore,
  idempotencyKeyOf,
  requestHash,
  runIdempotent,
} from '../lib/idempotency/idempotency';
import { recordMetric } from '../lib/metrics';
import { userRoute } from '../lib/middleware/http-auth';
import { json } from '../lib/middleware/http-handler';
import { paymentsConfig } from './config';
import { walletBalance } from './domain/wallet';
import type { Announcement, WalletMovement } from './payments-repository';
import { walletRequestKey, type WalletOperation } from './wallet-requests';

// Idempotency-Key records live in the payments context's own table.
const requests = createIdempotencyStore(paymentsConfig.PAYMENTS_TABLE_NAME);

const eventTypes = {
  deposit: 'DepositReceived',
  withdrawal: 'WithdrawalMade',
} as const satisfies Record<
  WalletOperation,
  (DepositReceivedEvent | WithdrawalMadeEvent)['eventType']
>;

/**
 * The event a movement announces, written in the movement's own transaction (the outbox): a
 * replayed request moves nothing and so announces nothing.
 */
const announcement =
  (operation: WalletOperation, userId: string): Announcement =>
  ({ transactionId, amount, createdAt }): DepositReceivedEvent | WithdrawalMadeEvent => ({
    eventType: eventTypes[operation],
    userId,
    transactionId,
    amount,
    currency: paymentsConfig.SHOP_CURRENCY,
    occurredAt: createdAt,
  });

const recordMovementMetrics = (operation: WalletOperation, amount: number): void => {
  if (operation === 'deposit') {
    recordMetric('deposits', 1);
    recordMetric('depositedAmount', amount);
  } else {
    recordMetric('withdrawals', 1);
    recordMetric('withdrawnAmount', amount);
  }
};

/**
 * POST /wallet/deposits and POST /wallet/withdrawals: `{amount}` moved by the wallet's owner,
 * answered 201 with the wallet. With an Idempotency-Key (API.md, as POST /orders) the first
 * request moves the money; a repeat moves nothing and answers 200 with the wallet as the first
 * answer showed it; the same key with another amount is 422.
 */
export const walletMovementRoute = (
  operation: WalletOperation,
  move: (
    userId: string,
    amount: number,
    announce: Announcement,
    transactionId?: string,
  ) => Promise<WalletMovement>,
) =>
  userRoute({ body: walletMovementSchema }, async ({ body, caller, event, context }) => {
    // With an Idempotency-Key, the record's operation id is the movement's transactionId: a run
    // after an earlier one that moved the money (and answered 503, or died) moves nothing.
    const run = async (transactionId?: string) => {
      const movement = await move(
        caller.userId,
        body.amount,
        announcement(operation, caller.userId),
        transactionId,
      );
      if (!movement.earlier) recordMovementMetrics(operation, body.amount);
      return walletBalance(movement.wallet, paymentsConfig.SHOP_CURRENCY);
    };
    const key = idempotencyKeyOf(event);
    if (key === undefined) return json(201, await run());

    const { response, replayed } = await runIdempotent(
      {
        store: requests,
        recordKey: walletRequestKey(operation, caller.userId, key),
        requestHash: requestHash(body),
        context,
      },
      run,
    );
    return json(replayed ? 200 : 201, response);
  });
