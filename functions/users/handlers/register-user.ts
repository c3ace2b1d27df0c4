import * as z from 'zod';
import { publishEvent } from '../../lib/event-publisher';
import { userRegisteredEventSchema } from '../../../contracts/events';
import { json, publicRoute } from '../../lib/middleware/http-handler';
import { usersConfig } from '../config';
import { emailAddress, newPassword, personName, phoneNumber } from '../domain/profile';
import { claimIdentity, confirmSignUp, signUp } from '../identity-provider';
import { createRegistration } from '../registration';
import { createUsersRepository } from '../users-repository';

const register = createRegistration({
  signUp,
  confirmSignUp,
  claimIdentity,
  users: createUsersRepository(usersConfig.USERS_TABLE_NAME),
  publishEvent: (event) => publishEvent(userRegisteredEventSchema.parse(event)),
  now: () => new Date().toISOString(),
});

const registrationSchema = z.strictObject({
  email: emailAddress,
  password: newPassword,
  name: personName,
  phone: phoneNumber.optional(),
});

/** POST /auth/register (see registration.ts for what a retry after a failure does). */
export const handler = publicRoute({ body: registrationSchema }, async ({ body }) => {
  const { userId, email, name } = await register(body);
  return json(201, { userId, email, name });
});
