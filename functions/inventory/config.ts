import * as z from 'zod';
import { loadConfig, resourceName } from '../lib/config';

export const inventoryConfig = loadConfig(z.object({ INVENTORY_TABLE_NAME: resourceName }));
