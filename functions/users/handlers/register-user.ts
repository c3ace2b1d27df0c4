import { registrationSchema } from '../../../contracts/http/users';
import { json, publicRoute } from '../../lib/middleware/http-handler';
import { usersConfig } from '../config';
import { claimIdentity, confirmSignUp, signUp } from '../identity-provider';
import { createRegistration } from '../registration';
import { createUsersRepository } from '../users-repository';

const register = createRegistration({
  signUp,
  confirmSignUp,
  claimIdentity,
  users: createUsersRepository(usersConfig.USERS_TABLE_NAME),
  now: () => new Date().toISOString(),
});

/** POST /auth/register (see registration.ts for what a retry after a failure does). */
export const handler = publicRoute({ body: registrationSchema }, async ({ body }) => {
  const { userId, email, name } = await register(body);
  return json(201, { userId, email, name });
});
