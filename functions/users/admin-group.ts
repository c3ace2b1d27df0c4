// The members of the identity provider's `admin` group, for the users context's listAdmins read
// API. Apart from identity-provider.ts so that listAdmins reads only the pool id it needs.
import { paginateListUsersInGroup } from '@aws-sdk/client-cognito-identity-provider';
import * as z from 'zod';
import { cognito } from '../lib/aws/cognito';
import { loadConfig, resourceName } from '../lib/config';

/** The group API.md's **admin** routes require (functions/lib/middleware/http-auth.ts). */
export const ADMIN_GROUP = 'admin';

const config = loadConfig(z.object({ COGNITO_USER_POOL_ID: resourceName }));

/** The `sub` of every member of the admin group (Cognito pages them, 60 at most a page). */
export async function adminUserIds(): Promise<string[]> {
  const members: string[] = [];
  const pages = paginateListUsersInGroup(
    { client: cognito, pageSize: 60 },
    { UserPoolId: config.COGNITO_USER_POOL_ID, GroupName: ADMIN_GROUP },
  );
  for await (const page of pages) {
    for (const user of page.Users ?? []) {
      const sub = user.Attributes?.find((attribute) => attribute.Name === 'sub')?.Value;
      if (sub) members.push(sub);
    }
  }
  return members;
}
