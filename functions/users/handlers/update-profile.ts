import * as z from 'zod';
import { userRoute } from '../../lib/middleware/http-auth';
import { json } from '../../lib/middleware/http-handler';
import { usersConfig } from '../config';
import { personName, phoneNumber, profileView } from '../domain/profile';
import { createUsersRepository } from '../users-repository';

const users = createUsersRepository(usersConfig.USERS_TABLE_NAME);

// The e-mail address is the sign-in name, Cognito's to change, not the profile's.
const changesSchema = z.strictObject({
  name: personName.optional(),
  phone: phoneNumber.optional(),
});

/** PATCH /users/me: sets the given fields; `{}` changes nothing and answers the profile. */
export const handler = userRoute({ body: changesSchema }, async ({ caller, body }) => {
  const profile = await users.updateProfile(caller.userId, body, new Date().toISOString());
  return json(200, profileView(profile, caller.isAdmin));
});
