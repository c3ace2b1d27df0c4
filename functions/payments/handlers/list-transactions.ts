import { userRoute } from '../../lib/middleware/http-auth';
import { json } from '../../lib/middleware/http-handler';
import { pageQuerySchema } from '../../lib/dynamo/pagination';
import { paymentsConfig } from '../config';
import { createPaymentsRepository } from '../payments-repository';

const payments = createPaymentsRepository(paymentsConfig.PAYMENTS_TABLE_NAME);

export const handler = userRoute({ query: pageQuerySchema }, async ({ query, caller }) =>
  json(200, await payments.pageTransactions(caller.userId, query)),
);
