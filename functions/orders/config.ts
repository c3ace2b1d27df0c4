import * as z from 'zod';
import { loadConfig, resourceName } from '../lib/config';

export const ordersConfig = loadConfig(z.object({ ORDERS_TABLE_NAME: resourceName }));
