import * as z from 'zod';
import { loadConfig, resourceName, shopCurrency } from '../lib/config';

export const paymentsConfig = loadConfig(
  z.object({ PAYMENTS_TABLE_NAME: resourceName, SHOP_CURRENCY: shopCurrency }),
);
