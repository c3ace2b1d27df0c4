import { profileChangesSchema } from '../../../contracts/http/users';
import { userRoute } from '../../lib/middleware/http-auth';
import { json } from '../../lib/middleware/http-handler';
import { usersConfig } from '../config';
import { profileView } from '../domain/profile';
import { createUsersRepository } from '../users-repository';

const users = createUsersRepository(usersConfig.USERS_TABLE_NAME);

/** PATCH /users/me: sets the given fields; `{}` changes nothing and answers the profile. */
export const handler = userRoute({ body: profileChangesSchema }, async ({ caller, body }) => {
  const profile = await users.updateProfile(caller.userId, body, new Date().toISOString());
  return json(200, profileView(profile, caller.isAdmin));
});
