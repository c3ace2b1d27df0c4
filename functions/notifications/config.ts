import * as z from 'zod';
import { loadConfig, resourceName } from '../lib/config';

export const notificationsConfig = loadConfig(z.object({ NOTIFICATIONS_TABLE_NAME: resourceName }));
