import * as z from 'zod';
import { loadConfig, resourceName } from '../lib/config';

export const usersConfig = loadConfig(
  z.object({
    USERS_TABLE_NAME: resourceName,
    COGNITO_USER_POOL_ID: resourceName,
    COGNITO_CLIENT_ID: resourceName,
  }),
);
