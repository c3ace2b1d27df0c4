import * as z from 'zod';
import { loadConfig, resourceName, shopCurrency } from '../lib/config';

export const catalogConfig = loadConfig(
  z.object({ CATALOG_TABLE_NAME: resourceName, SHOP_CURRENCY: shopCurrency }),
);
