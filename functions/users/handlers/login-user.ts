import { credentialsSchema } from '../../../contracts/http/users';
import { json, publicRoute } from '../../lib/middleware/http-handler';
import { signIn } from '../identity-provider';

/** POST /auth/login: a wrong password and an unknown address get the same 401 (API.md). */
export const handler = publicRoute({ body: credentialsSchema }, async ({ body }) =>
  json(200, await signIn(body.email, body.password)),
);
