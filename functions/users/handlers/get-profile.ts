import { userRoute } from '../../lib/middleware/http-auth';
import { NotFound } from '../../lib/errors';
import { json } from '../../lib/middleware/http-handler';
import { usersConfig } from '../config';
import { profileView } from '../domain/profile';
import { createUsersRepository } from '../users-repository';

const users = createUsersRepository(usersConfig.USERS_TABLE_NAME);

/** GET /users/me: the caller's profile; `isAdmin` comes from the token's groups. */
export const handler = userRoute({}, async ({ caller }) => {
  const profile = await users.getProfile(caller.userId);
  // An identity whose registration stopped half-way: POST /auth/register again finishes it.
  if (!profile) throw new NotFound('There is no profile for this user');
  return json(200, profileView(profile, caller.isAdmin));
});
