import {
  AdminAddUserToGroupCommand,
  CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import * as z from 'zod';

/** API.md: the local stage always has an admin account, from these variables or the defaults. */
const adminSchema = z.object({
  SHOP_ADMIN_EMAIL: z.email().default('admin@shop.local'),
  SHOP_ADMIN_PASSWORD: z.string().min(8).default('Admin-Passw0rd!'),
});

/** The group API.md's **admin** routes require (functions/lib/middleware/http-auth.ts checks it). */
const ADMIN_GROUP = 'admin';

export interface AdminAccount {
  email: string;
  password: string;
}

export function readAdminAccount(env: NodeJS.ProcessEnv = process.env): AdminAccount {
  const parsed = adminSchema.parse(env);
  return {
    email: parsed.SHOP_ADMIN_EMAIL.trim().toLowerCase(),
    password: parsed.SHOP_ADMIN_PASSWORD,
  };
}

/**
 * Makes the admin a real user, registered through the shop's own API (so it has a profile and,
 * through UserRegistered, a wallet), then puts it in the admin group: on AWS an operator does
 * that, so the HTTP API has no route for it and the stack calls Cognito itself. Running it again
 * is harmless.
 */
export async function ensureAdminAccount(options: {
  admin: AdminAccount;
  httpApiUrl: string;
  cognitoUrl: string;
  userPoolId: string;
  region: string;
}): Promise<{ accessToken: string }> {
  const { admin, httpApiUrl } = options;
  const registered = await postJson(`${httpApiUrl}/auth/register`, {
    email: admin.email,
    password: admin.password,
    name: 'Shop admin',
  });
  if (registered.status === 409) {
    // It exists: the printed credentials must still be the ones that sign it in.
    const login = await postJson(`${httpApiUrl}/auth/login`, admin);
    if (login.status !== 200) {
      throw new Error(
        `The admin ${admin.email} exists with another password (login: ${login.status} ${login.text})`,
      );
    }
  } else if (registered.status !== 201) {
    throw new Error(
      `Registering the admin ${admin.email} failed: ${registered.status} ${registered.text}`,
    );
  }

  const cognito = new CognitoIdentityProviderClient({
    endpoint: options.cognitoUrl,
    region: options.region,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  try {
    await cognito.send(
      new AdminAddUserToGroupCommand({
        UserPoolId: options.userPoolId,
        Username: admin.email,
        GroupName: ADMIN_GROUP,
      }),
    );
  } finally {
    cognito.destroy();
  }
  // Signed in after joining the group, so the token carries it.
  const login = await postJson(`${httpApiUrl}/auth/login`, {
    email: admin.email,
    password: admin.password,
  });
  const { accessToken } = JSON.parse(login.text) as { accessToken?: string };
  if (login.status !== 200 || !accessToken) {
    throw new Error(`The admin ${admin.email} cannot sign in: ${login.status} ${login.text}`);
  }
  return { accessToken };
}

async function postJson(target: string, body: unknown): Promise<{ status: number; text: string }> {
  const response = await fetch(target, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, text: await response.text() };
}
