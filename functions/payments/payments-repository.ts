// Key design of the payments table (one partition per user):
//   wallet  pk=WALLET#<userId>  sk=WALLET
//           balance, held, available (= balance - held, stored so that a
//           condition can compare it without arithmetic). No updatedAt: an
//           undo leaves the wallet item exactly as before the step.
//   hold    pk=WALLET#<userId>  sk=HOLD#<orderId>
//           amount, status HELD|CAPTURED|RELEASED|REFUNDED|VOID (VOID is the
//           tombstone of a release that found nothing to release)
//   ledger  pk=WALLET#<userId>  sk=TX#<createdAt>#<transactionId>
//           type DEPOSIT|WITHDRAWAL|HOLD|CAPTURE|RELEASE, amount, orderId?
//           A deposit's or withdrawal's transactionId is a UUID v7 and its createdAt the time
//           in it, so the id alone names the row: a request with an Idempotency-Key moves the
//           money under its record's operation id, and a second run of it finds the first's row
//           instead of moving the money twice.
// A withdrawal is guarded by `available >= amount` in the same update that lowers the balance, so
// concurrent withdrawals and holds can never take the balance below what is held.
// Every saga step reads the hold, plans in domain/wallet.ts, and writes the
// hold, the wallet and the ledger row in one transaction guarded by the hold's
// status as read, so a repeated or concurrent step cannot apply twice.
import { randomUUID } from 'node:crypto';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { DomainEvent } from '../../contracts/events';
import { dynamoDb } from '../lib/aws/dynamodb';
import * as z from 'zod';
import { transactionSchema } from '../../contracts/http/payments';
import { isConditionalCheckFailed, withOptimisticRetry } from '../lib/dynamo/conditional-writes';
import { NotFound } from '../lib/errors';
import { outboxPut } from '../lib/outbox';
import { queryPage } from '../lib/dynamo/paged-query';
import { newUuidV7, uuidV7Time } from '../lib/uuid-v7';
import type { Page, PageQuery } from '../lib/dynamo/pagination';
import { storedItem } from '../lib/dynamo/stored-item';
import { tableAccess, type Item, type TransactItem } from '../lib/dynamo/table';
import {
  assertMovedAmount,
  assertWithdrawable,
  newWallet,
  planCapture,
  planRelease,
  planReserve,
  type Hold,
  type TransactionType,
  type Wallet,
  type WalletTransaction,
} from './domain/wallet';

/** The event a deposit or withdrawal announces, written with it (functions/lib/outbox.ts). */
export type Announcement = (transaction: WalletTransaction) => DomainEvent;

/** A deposit or a withdrawal: the wallet after it, and its ledger row. */
export interface WalletMovement {
  wallet: Wallet;
  transaction: WalletTransaction;
  /** True when an earlier run under the same transactionId had moved the money: none moved now. */
  earlier: boolean;
}

export interface OrderPayment {
  userId: string;
  orderId: string;
}

/** A saga step on a hold: its status change, the wallet update and the ledger row. */
interface HoldMove {
  from: Hold['status'];
  to: Hold['status'];
  wallet: string;
  guard?: string;
  ledger: TransactionType;
}

/** What ReleasePayment does to a hold that moved money: gives it back the way it went. */
const GIVE_BACK = {
  RELEASE_HOLD: {
    from: 'HELD',
    to: 'RELEASED',
    wallet: 'held = held - :amount, available = available + :amount',
    guard: 'held >= :amount',
    ledger: 'RELEASE',
  },
  REFUND: {
    from: 'CAPTURED',
    to: 'REFUNDED',
    wallet: 'balance = balance + :amount, available = available + :amount',
    ledger: 'RELEASE',
  },
} as const satisfies Record<string, HoldMove>;

const walletKey = (userId: string) => ({ pk: `WALLET#${userId}`, sk: 'WALLET' });
const holdKey = (userId: string, orderId: string) => ({
  pk: `WALLET#${userId}`,
  sk: `HOLD#${orderId}`,
});

const toWallet: (item: Item) => Wallet = storedItem(
  z.object({
    userId: z.string(),
    balance: z.int(),
    held: z.int(),
    available: z.int(),
    createdAt: z.string(),
  }),
);

const toHold: (item: Item) => Hold = storedItem(
  z.object({
    userId: z.string(),
    orderId: z.string(),
    amount: z.int(),
    status: z.enum(['HELD', 'CAPTURED', 'RELEASED', 'REFUNDED', 'VOID']),
    createdAt: z.string(),
    updatedAt: z.string(),
  }),
);

// A ledger row is stored as its owner reads it, plus its keys.
const toTransaction: (item: Item) => WalletTransaction = storedItem(
  z.object(transactionSchema.shape),
);

export const createPaymentsRepository = (
  tableName: string,
  client: DynamoDBDocumentClient = dynamoDb,
) => {
  const table = tableAccess(tableName, client);

  const ledgerRow = (userId: string, transaction: WalletTransaction): TransactItem =>
    table.putNewItem({
      pk: `WALLET#${userId}`,
      sk: `TX#${transaction.createdAt}#${transaction.transactionId}`,
      userId,
      ...transaction,
    });

  const ledgerPut = (
    userId: string,
    type: TransactionType,
    amount: number,
    now: string,
    orderId?: string,
  ): TransactItem =>
    ledgerRow(userId, {
      transactionId: randomUUID(),
      type,
      amount,
      ...(orderId !== undefined ? { orderId } : {}),
      createdAt: now,
    });

  /** The wallet as it stands after a movement (a concurrent one may show in it too). */
  const walletAfter = async (userId: string): Promise<Wallet> => {
    const wallet = await getWallet(userId);
    if (!wallet) throw new NotFound('Wallet not found');
    return wallet;
  };

  const newTransaction = (
    type: 'DEPOSIT' | 'WITHDRAWAL',
    amount: number,
    transactionId: string,
  ): WalletTransaction => ({
    transactionId,
    type,
    amount,
    createdAt: new Date(uuidV7Time(transactionId)).toISOString(),
  });

  /** A deposit's or withdrawal's ledger row, by its id alone (see the top of this file). */
  const getMovementRow = (userId: string, transactionId: string) =>
    table.get(
      {
        pk: `WALLET#${userId}`,
        sk: `TX#${new Date(uuidV7Time(transactionId)).toISOString()}#${transactionId}`,
      },
      toTransaction,
    );

  /**
   * Moves money once per transactionId: the row an earlier run wrote under it is the answer
   * (read first, and again after a transaction that lost to it: the row's put is conditional).
   */
  const move = async (
    operation: string,
    userId: string,
    row: WalletTransaction,
    write: () => Promise<void>,
  ): Promise<WalletMovement> => {
    const { transaction, earlier } = await withOptimisticRetry(operation, async () => {
      const earlierRow = await getMovementRow(userId, row.transactionId);
      if (earlierRow) return { transaction: earlierRow, earlier: true };
      await write();
      return { transaction: row, earlier: false };
    });
    return { wallet: await walletAfter(userId), transaction, earlier };
  };

  /** `guard` is the invariant the change must keep, e.g. never overdraw. */
  const walletChange = (
    userId: string,
    update: string,
    amount: number,
    guard?: string,
  ): TransactItem => ({
    Update: {
      TableName: tableName,
      Key: walletKey(userId),
      UpdateExpression: `SET ${update}`,
      ConditionExpression: guard ? `attribute_exists(pk) AND ${guard}` : 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':amount': amount },
    },
  });

  /** Moves the hold on, guarded by its status as read, with the wallet and the ledger. */
  const moveHold = (
    { userId, orderId }: OrderPayment,
    amount: number,
    now: string,
    move: HoldMove,
  ) =>
    table.transact([
      table.statusChangeItem(holdKey(userId, orderId), move.from, move.to, now),
      walletChange(userId, move.wallet, amount, move.guard),
      ledgerPut(userId, move.ledger, amount, now, orderId),
    ]);

  const getWallet = (userId: string): Promise<Wallet | undefined> =>
    table.get(walletKey(userId), toWallet);

  const getHold = (userId: string, orderId: string): Promise<Hold | undefined> =>
    table.get(holdKey(userId, orderId), toHold);

  /** Wallet and hold as of one instant. */
  const readWalletAndHold = async (userId: string, orderId: string) => {
    const [wallet, hold] = await table.getAll([walletKey(userId), holdKey(userId, orderId)]);
    return { wallet: wallet ? toWallet(wallet) : undefined, hold: hold ? toHold(hold) : undefined };
  };

  /** Opens an empty wallet; an existing wallet is left as it is. */
  const openWallet = async (userId: string): Promise<{ wallet: Wallet; created: boolean }> => {
    const wallet = newWallet(userId, new Date().toISOString());
    try {
      await table.putNew({ ...walletKey(userId), ...wallet });
      return { wallet, created: true };
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
      const existing = await getWallet(userId);
      if (!existing) throw error;
      return { wallet: existing, created: false };
    }
  };

  /**
   * Into an open wallet only, once per `transactionId` (see `move`). Throws NotFound.
   */
  const deposit = async (
    userId: string,
    amount: number,
    announce?: Announcement,
    transactionId: string = newUuidV7(),
  ): Promise<WalletMovement> => {
    assertMovedAmount(amount);
    const row = newTransaction('DEPOSIT', amount, transactionId);
    return move('Deposit', userId, row, async () => {
      if (!(await getWallet(userId))) throw new NotFound('Wallet not found');
      await table.transact([
        walletChange(
          userId,
          'balance = balance + :amount, available = available + :amount',
          amount,
        ),
        ledgerRow(userId, row),
        ...(announce ? [outboxPut(tableName, announce(row))] : []),
      ]);
    });
  };

  /**
   * Out of the available amount only, once per `transactionId` (see `move`). Throws
   * InsufficientFunds, also when a concurrent withdrawal or hold took what the read showed (the
   * guard fails, the next read decides).
   */
  const withdraw = async (
    userId: string,
    amount: number,
    announce?: Announcement,
    transactionId: string = newUuidV7(),
  ): Promise<WalletMovement> => {
    assertMovedAmount(amount);
    const row = newTransaction('WITHDRAWAL', amount, transactionId);
    return move('Withdrawal', userId, row, async () => {
      assertWithdrawable(await getWallet(userId), amount);
      await table.transact([
        walletChange(
          userId,
          'balance = balance - :amount, available = available - :amount',
          amount,
          'available >= :amount',
        ),
        ledgerRow(userId, row),
        ...(announce ? [outboxPut(tableName, announce(row))] : []),
      ]);
    });
  };

  /** The ledger, newest first, a page at a time. */
  const pageTransactions = (userId: string, page: PageQuery): Promise<Page<WalletTransaction>> =>
    queryPage(
      client,
      {
        input: {
          TableName: tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :tx)',
          ExpressionAttributeValues: { ':pk': `WALLET#${userId}`, ':tx': 'TX#' },
          ScanIndexForward: false,
          ConsistentRead: true,
        },
        keyAttributes: ['pk', 'sk'],
        // The owner's own ledger only: a cursor of another wallet is refused, not followed.
        isPositionIn: (key) => key.pk === `WALLET#${userId}` && key.sk?.startsWith('TX#') === true,
      },
      page,
      toTransaction,
    );

  return {
    getWallet,
    getHold,
    openWallet,
    deposit,
    withdraw,
    pageTransactions,

    /**
     * A deposit by the wallet's owner, who may be quicker than the UserRegistered event that
     * opens the wallet: the wallet is opened first when it is missing.
     */
    async depositOpening(
      userId: string,
      amount: number,
      announce?: Announcement,
      transactionId?: string,
    ): Promise<WalletMovement> {
      assertMovedAmount(amount);
      if (!(await getWallet(userId))) await openWallet(userId);
      return deposit(userId, amount, announce, transactionId);
    },

    /** Newest first. */
    async listTransactions(userId: string, limit = 100): Promise<WalletTransaction[]> {
      return (await pageTransactions(userId, { limit })).items;
    },

    /** ReservePayment. Throws PaymentDeclined. */
    reserveForOrder(payment: OrderPayment & { amount: number }) {
      const { userId, orderId, amount } = payment;
      return withOptimisticRetry('ReservePayment', async () => {
        const { wallet, hold } = await readWalletAndHold(userId, orderId);
        const plan = planReserve(wallet, hold, amount);
        if (plan.action === 'NONE') return { outcome: plan.outcome };
        const now = new Date().toISOString();
        const newHold: Hold = {
          userId,
          orderId,
          amount,
          status: 'HELD',
          createdAt: now,
          updatedAt: now,
        };
        await table.transact([
          table.putNewItem({ ...holdKey(userId, orderId), ...newHold }),
          walletChange(
            userId,
            'held = held + :amount, available = available - :amount',
            amount,
            'available >= :amount',
          ),
          ledgerPut(userId, 'HOLD', amount, now, orderId),
        ]);
        return { outcome: 'HELD' as const };
      });
    },

    /** CapturePayment. Throws NoHoldToCapture. */
    captureForOrder(payment: OrderPayment) {
      const { userId, orderId } = payment;
      return withOptimisticRetry('CapturePayment', async () => {
        const plan = planCapture(await getHold(userId, orderId));
        if (plan.action === 'NONE') return { outcome: plan.outcome };
        const now = new Date().toISOString();
        await moveHold(payment, plan.amount, now, {
          from: 'HELD',
          to: 'CAPTURED',
          wallet: 'balance = balance - :amount, held = held - :amount',
          guard: 'held >= :amount',
          ledger: 'CAPTURE',
        });
        return { outcome: 'CAPTURED' as const };
      });
    },

    /** ReleasePayment: releases a hold, refunds a capture, or leaves a tombstone. */
    releaseForOrder(payment: OrderPayment) {
      const { userId, orderId } = payment;
      return withOptimisticRetry('ReleasePayment', async () => {
        const plan = planRelease(await getHold(userId, orderId));
        const now = new Date().toISOString();
        switch (plan.action) {
          case 'NONE':
            return { outcome: plan.outcome };
          case 'VOID': {
            const tombstone: Hold = {
              userId,
              orderId,
              amount: 0,
              status: 'VOID',
              createdAt: now,
              updatedAt: now,
            };
            await table.putNew({ ...holdKey(userId, orderId), ...tombstone });
            return { outcome: 'NOTHING_TO_RELEASE' as const };
          }
          case 'RELEASE_HOLD':
          case 'REFUND': {
            const move = GIVE_BACK[plan.action];
            await moveHold(payment, plan.amount, now, move);
            return { outcome: move.to };
          }
        }
      });
    },
  };
};

export type PaymentsRepository = ReturnType<typeof createPaymentsRepository>;
