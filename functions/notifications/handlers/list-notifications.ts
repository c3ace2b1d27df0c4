import { json } from '../../lib/middleware/http-handler';
import { userRoute } from '../../lib/middleware/http-auth';
import { pageQuerySchema } from '../../lib/dynamo/pagination';
import { notificationsConfig } from '../config';
import { createNotificationsRepository } from '../notifications-repository';

const notifications = createNotificationsRepository(notificationsConfig.NOTIFICATIONS_TABLE_NAME);

export const handler = userRoute({ query: pageQuerySchema }, async ({ query, caller }) =>
  json(200, await notifications.listForUser(caller.userId, query)),
);
