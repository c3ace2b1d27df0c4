// Key design of the payments table (one partition per user):
//   wallet  pk=WALLET#<userId>  sk=WALLET
//           balance, held, available (= balance - held, stored so that a
//           condition can compare it without arithmetic). No updatedAt: an
//           undo leaves the wallet item exactly as before the step.
//   hold    pk=WALLET#<userId>  sk=HOLD#<orderId>
//           amount, status HELD|CAPTURED|RELEASED|REFUNDED|VOID (VOID is the
//           tombstone of a release that found nothing to release)
//   ledger  pk=WALLET#<userId>  sk=TX#<createdAt>#<transactionId>
//           type DEPOSIT|HOLD|CAPTURE|RELEASE, amount, orderId?
// Every saga step reads the hold, plans in domain/wallet.ts, and writes the
// hold, the wallet and the ledger row in one transaction guarded by the hold's
// status as read, so a repeated or concurrent step cannot apply twice.
import { randomUUID } from 'node:crypto';
import {
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactGetCommand,
  TransactWriteCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { dynamoDb } from '../shared/aws-clients';
import { isConditionalCheckFailed, withOptimisticRetry } from '../shared/dynamo';
import { NotFound } from '../shared/errors';
import {
  assertDepositAmount,
  newWallet,
  planCapture,
  planRelease,
  planReserve,
  type Hold,
  type TransactionType,
  type Wallet,
  type WalletTransaction,
} from './domain/wallet';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];
type Item = Record<string, unknown>;

export interface OrderPayment {
  userId: string;
  orderId: string;
}

const walletKey = (userId: string) => ({ pk: `WALLET#${userId}`, sk: 'WALLET' });
const holdKey = (userId: string, orderId: string) => ({
  pk: `WALLET#${userId}`,
  sk: `HOLD#${orderId}`,
});

const toWallet = (item: Item): Wallet => ({
  userId: item.userId as string,
  balance: item.balance as number,
  held: item.held as number,
  available: item.available as number,
  createdAt: item.createdAt as string,
});

const toHold = (item: Item): Hold => ({
  userId: item.userId as string,
  orderId: item.orderId as string,
  amount: item.amount as number,
  status: item.status as Hold['status'],
  createdAt: item.createdAt as string,
  updatedAt: item.updatedAt as string,
});

const toTransaction = (item: Item): WalletTransaction => ({
  transactionId: item.transactionId as string,
  type: item.type as TransactionType,
  amount: item.amount as number,
  ...(typeof item.orderId === 'string' ? { orderId: item.orderId } : {}),
  createdAt: item.createdAt as string,
});

export const createPaymentsRepository = (
  tableName: string,
  client: DynamoDBDocumentClient = dynamoDb,
) => {
  const ledgerPut = (
    userId: string,
    type: TransactionType,
    amount: number,
    now: string,
    orderId?: string,
  ): TransactItem => {
    const transactionId = randomUUID();
    return {
      Put: {
        TableName: tableName,
        Item: {
          pk: `WALLET#${userId}`,
          sk: `TX#${now}#${transactionId}`,
          userId,
          transactionId,
          type,
          amount,
          orderId,
          createdAt: now,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    };
  };

  const holdStatusChange = (
    { userId, orderId }: OrderPayment,
    from: Hold['status'],
    to: Hold['status'],
    now: string,
  ): TransactItem => ({
    Update: {
      TableName: tableName,
      Key: holdKey(userId, orderId),
      UpdateExpression: 'SET #status = :to, updatedAt = :now',
      ConditionExpression: '#status = :from',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':from': from, ':to': to, ':now': now },
    },
  });

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

  const transact = (items: TransactItem[]) =>
    client.send(new TransactWriteCommand({ TransactItems: items }));

  const getWallet = async (userId: string): Promise<Wallet | undefined> => {
    const { Item } = await client.send(
      new GetCommand({ TableName: tableName, Key: walletKey(userId), ConsistentRead: true }),
    );
    return Item ? toWallet(Item) : undefined;
  };

  const getHold = async (userId: string, orderId: string): Promise<Hold | undefined> => {
    const { Item } = await client.send(
      new GetCommand({ TableName: tableName, Key: holdKey(userId, orderId), ConsistentRead: true }),
    );
    return Item ? toHold(Item) : undefined;
  };

  /** Wallet and hold as of one instant. */
  const readWalletAndHold = async (userId: string, orderId: string) => {
    const { Responses } = await client.send(
      new TransactGetCommand({
        TransactItems: [
          { Get: { TableName: tableName, Key: walletKey(userId) } },
          { Get: { TableName: tableName, Key: holdKey(userId, orderId) } },
        ],
      }),
    );
    const [wallet, hold] = [Responses?.[0]?.Item, Responses?.[1]?.Item];
    return { wallet: wallet ? toWallet(wallet) : undefined, hold: hold ? toHold(hold) : undefined };
  };

  return {
    getWallet,
    getHold,

    /** Opens an empty wallet; an existing wallet is left as it is. */
    async openWallet(userId: string): Promise<{ wallet: Wallet; created: boolean }> {
      const wallet = newWallet(userId, new Date().toISOString());
      try {
        await client.send(
          new PutCommand({
            TableName: tableName,
            Item: { ...walletKey(userId), ...wallet },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        );
        return { wallet, created: true };
      } catch (error) {
        if (!isConditionalCheckFailed(error)) throw error;
        const existing = await getWallet(userId);
        if (!existing) throw error;
        return { wallet: existing, created: false };
      }
    },

    async deposit(userId: string, amount: number): Promise<Wallet> {
      assertDepositAmount(amount);
      await withOptimisticRetry('Deposit', async () => {
        if (!(await getWallet(userId))) throw new NotFound('Wallet not found');
        const now = new Date().toISOString();
        return transact([
          walletChange(
            userId,
            'balance = balance + :amount, available = available + :amount',
            amount,
          ),
          ledgerPut(userId, 'DEPOSIT', amount, now),
        ]);
      });
      const wallet = await getWallet(userId);
      if (!wallet) throw new NotFound('Wallet not found');
      return wallet;
    },

    /** Newest first. */
    async listTransactions(userId: string, limit = 100): Promise<WalletTransaction[]> {
      const { Items } = await client.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :tx)',
          ExpressionAttributeValues: { ':pk': `WALLET#${userId}`, ':tx': 'TX#' },
          ScanIndexForward: false,
          Limit: limit,
          ConsistentRead: true,
        }),
      );
      return (Items ?? []).map(toTransaction);
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
        await transact([
          {
            Put: {
              TableName: tableName,
              Item: { ...holdKey(userId, orderId), ...newHold },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
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
        await transact([
          holdStatusChange(payment, 'HELD', 'CAPTURED', now),
          walletChange(
            userId,
            'balance = balance - :amount, held = held - :amount',
            plan.amount,
            'held >= :amount',
          ),
          ledgerPut(userId, 'CAPTURE', plan.amount, now, orderId),
        ]);
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
            await client.send(
              new PutCommand({
                TableName: tableName,
                Item: { ...holdKey(userId, orderId), ...tombstone },
                ConditionExpression: 'attribute_not_exists(pk)',
              }),
            );
            return { outcome: 'NOTHING_TO_RELEASE' as const };
          }
          case 'RELEASE_HOLD': {
            await transact([
              holdStatusChange(payment, 'HELD', 'RELEASED', now),
              walletChange(
                userId,
                'held = held - :amount, available = available + :amount',
                plan.amount,
                'held >= :amount',
              ),
              ledgerPut(userId, 'RELEASE', plan.amount, now, orderId),
            ]);
            return { outcome: 'RELEASED' as const };
          }
          case 'REFUND': {
            await transact([
              holdStatusChange(payment, 'CAPTURED', 'REFUNDED', now),
              walletChange(
                userId,
                'balance = balance + :amount, available = available + :amount',
                plan.amount,
              ),
              ledgerPut(userId, 'RELEASE', plan.amount, now, orderId),
            ]);
            return { outcome: 'REFUNDED' as const };
          }
        }
      });
    },
  };
};

export type PaymentsRepository = ReturnType<typeof createPaymentsRepository>;
