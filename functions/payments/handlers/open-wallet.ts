import { userRegisteredEventSchema } from '../../../contracts/events';
import { logger } from '../../lib/logger';
import { snsHandler } from '../../lib/middleware/sns-handler';
import { paymentsConfig } from '../config';
import { createPaymentsRepository } from '../payments-repository';

const payments = createPaymentsRepository(paymentsConfig.PAYMENTS_TABLE_NAME);

export const handler = snsHandler(userRegisteredEventSchema, async ({ userId }) => {
  const { created } = await payments.openWallet(userId);
  logger.info(created ? 'Wallet opened' : 'Wallet already open', { userId });
});
