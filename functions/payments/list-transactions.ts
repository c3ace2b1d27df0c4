import { userRoute } from '../shared/http-auth';
import { json } from '../shared/http-handler';
import { pageQuerySchema } from '../shared/pagination';
import { paymentsConfig } from './config';
import { createPaymentsRepository } from './payments-repository';

const payments = createPaymentsRepository(paymentsConfig.PAYMENTS_TABLE_NAME);

export const handler = userRoute({ query: pageQuerySchema }, async ({ query, caller }) =>
  json(200, await payments.pageTransactions(caller.userId, query)),
);
