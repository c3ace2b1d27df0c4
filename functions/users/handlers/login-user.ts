import * as z from 'zod';
import { json, publicRoute } from '../../lib/middleware/http-handler';
import { emailAddress, givenPassword } from '../domain/profile';
import { signIn } from '../identity-provider';

const credentialsSchema = z.strictObject({
  email: emailAddress,
  password: givenPassword,
});

/** POST /auth/login: a wrong password and an unknown address get the same 401 (API.md). */
export const handler = publicRoute({ body: credentialsSchema }, async ({ body }) =>
  json(200, await signIn(body.email, body.password)),
);
