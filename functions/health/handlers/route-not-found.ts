import { NotFound } from '../../lib/errors';
import { httpHandler } from '../../lib/middleware/http-handler';

/**
 * The HTTP API's `$default` route: a method and path API.md does not have get the contract's
 * 404 NOT_FOUND, not API Gateway's (or serverless-offline's) own body. An id that is not a
 * single path segment (`/orders/a/b`) lands here too.
 */
export const handler = httpHandler((event) => {
  throw new NotFound(`No route ${event.requestContext.http.method} ${event.rawPath}`);
});
