// Key design of the notifications table (one partition per user):
//   notification  pk=USER#<userId>  sk=NOTIFICATION#<createdAt>#<notificationId>
//                 notificationId, userId, type, orderId?, message, createdAt
//                 (a Query on the partition, backwards, lists them newest first)
//   marker        pk=USER#<userId>  sk=SENT#<type>#<orderId>, SENT#<type>#<transactionId> for a
//                 wallet movement, or SENT#WELCOME for the welcome
//                 notificationId of the one notification of that type for that order (or user)
// A notification and its marker are written in one transaction on condition that the marker
// does not exist yet, so an event delivered twice (SNS delivers at least once) leaves exactly
// one notification. Markers sort apart from notifications and never show in the list.
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { dynamoDb } from '../lib/aws/dynamodb';
import * as z from 'zod';
import { notificationSchema } from '../../contracts/http/notifications';
import { cancellationCodes } from '../lib/dynamo/conditional-writes';
import { queryPage } from '../lib/dynamo/paged-query';
import type { Page, PageQuery } from '../lib/dynamo/pagination';
import { storedItem } from '../lib/dynamo/stored-item';
import { tableAccess, type Item } from '../lib/dynamo/table';
import type { Notification } from './domain/notification';

/** A notification as GET /notifications shows it: whose it is goes without saying. */
export type NotificationView = Omit<Notification, 'userId'>;

const NOTIFICATION_PREFIX = 'NOTIFICATION#';

const userPartition = (userId: string) => `USER#${userId}`;

const notificationKey = ({ userId, createdAt, notificationId }: Notification) => ({
  pk: userPartition(userId),
  sk: `${NOTIFICATION_PREFIX}${createdAt}#${notificationId}`,
});

const markerKey = ({ userId, type, orderId, transactionId }: Notification) => {
  const subject = orderId ?? transactionId;
  return {
    pk: userPartition(userId),
    sk: subject === undefined ? `SENT#${type}` : `SENT#${type}#${subject}`,
  };
};

// A notification is stored as its user reads it, plus its userId and keys.
const toView: (item: Item) => NotificationView = storedItem(z.object(notificationSchema.shape));

export const createNotificationsRepository = (
  tableName: string,
  client: DynamoDBDocumentClient = dynamoDb,
) => {
  const table = tableAccess(tableName, client);

  return {
    /**
     * Records the notification unless one of its type for its order (or, for a welcome, its
     * user) already is; `recorded` tells which.
     */
    async record(notification: Notification): Promise<{ recorded: boolean }> {
      try {
        await table.transact([
          table.putNewItem({
            ...markerKey(notification),
            notificationId: notification.notificationId,
          }),
          table.putNewItem({ ...notificationKey(notification), ...notification }),
        ]);
        return { recorded: true };
      } catch (error) {
        if (cancellationCodes(error)?.[0] === 'ConditionalCheckFailed') return { recorded: false };
        throw error;
      }
    },

    /** A page of the user's notifications, newest first. Throws ValidationFailed for a foreign cursor. */
    listForUser: (userId: string, page: PageQuery): Promise<Page<NotificationView>> =>
      queryPage(
        client,
        {
          input: {
            TableName: tableName,
            KeyConditionExpression: 'pk = :user AND begins_with(sk, :notification)',
            ExpressionAttributeValues: {
              ':user': userPartition(userId),
              ':notification': NOTIFICATION_PREFIX,
            },
            ScanIndexForward: false,
            ConsistentRead: true,
          },
          keyAttributes: ['pk', 'sk'],
          isPositionIn: (key) =>
            key.pk === userPartition(userId) && key.sk?.startsWith(NOTIFICATION_PREFIX) === true,
        },
        page,
        toView,
      ),
  };
};

export type NotificationsRepository = ReturnType<typeof createNotificationsRepository>;
