import type { DepositReceivedEvent, WithdrawalMadeEvent } from '../../contracts/events';
import { walletMovementSchema } from '../../contracts/http/payments';
import { publishEvent } from '../lib/event-publisher';
import {
  createIdempotencyStore,
  idempotencyKeyOf,
  requestHash,
  runIdempotent,
} from '../lib/idempotency/idempotency';
import { logger } from '../lib/logger';
import { userRoute } from '../lib/middleware/http-auth';
import { json } from '../lib/middleware/http-handler';
import { paymentsConfig } from './config';
import { walletBalance } from './domain/wallet';
import type { WalletMovement } from './payments-repository';
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
 * Announces a movement, once: it runs inside the idempotent operation, so a replayed request
 * announces nothing. The money has moved by then; a lost announcement costs the notification
 * only, so it is logged rather than failing a request whose retry would move the money again.
 */
const announce = async (operation: WalletOperation, userId: string, movement: WalletMovement) => {
  const { transactionId, amount, createdAt } = movement.transaction;
  const event: DepositReceivedEvent | WithdrawalMadeEvent = {
    eventType: eventTypes[operation],
    userId,
    transactionId,
    amount,
    currency: paymentsConfig.SHOP_CURRENCY,
    occurredAt: createdAt,
  };
  await publishEvent(event).catch((error: unknown) => {
    logger.error(`${event.eventType} could not be published`, { userId, transactionId, error });
  });
};

/**
 * POST /wallet/deposits and POST /wallet/withdrawals: `{amount}` moved by the wallet's owner,
 * answered 201 with the wallet. With an Idempotency-Key (API.md, as POST /orders) the first
 * request moves the money; a repeat moves nothing and answers 200 with the wallet as the first
 * answer showed it; the same key with another amount is 422.
 */
export const walletMovementRoute = (
  operation: WalletOperation,
  move: (userId: string, amount: number) => Promise<WalletMovement>,
) =>
  userRoute({ body: walletMovementSchema }, async ({ body, caller, event, context }) => {
    const run = async () => {
      const movement = await move(caller.userId, body.amount);
      await announce(operation, caller.userId, movement);
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
