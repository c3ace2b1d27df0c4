import * as z from 'zod';
import { loadConfig, resourceName } from '../lib/config';

export const deliveryConfig = loadConfig(z.object({ DELIVERY_TABLE_NAME: resourceName }));
