import { z } from 'zod';
import { loadConfig, resourceName } from '../shared/config';

export const inventoryConfig = loadConfig(z.object({ INVENTORY_TABLE_NAME: resourceName }));
