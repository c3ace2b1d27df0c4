import { userRegisteredEventSchema } from '../shared/events';
import { logger } from '../shared/logger';
import { snsHandler } from '../shared/sns-handler';
import { paymentsConfig } from './config';
import { createPaymentsRepository } from './payments-repository';

const payments = createPaymentsRepository(paymentsConfig.PAYMENTS_TABLE_NAME);

export const handler = snsHandler(userRegisteredEventSchema, async ({ userId }) => {
  const { created } = await payments.openWallet(userId);
  logger.info(created ? 'Wallet opened' : 'Wallet already open', { userId });
});
