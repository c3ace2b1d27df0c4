import { buildOpenApiDocument } from '../../../contracts/http/openapi';
import { httpHandler, json } from '../../lib/middleware/http-handler';

// Built once per cold start from the same schemas the handlers validate with.
const document = buildOpenApiDocument();

/** GET /openapi.json (public): the OpenAPI 3.1 document of the HTTP API. */
export const handler = httpHandler(() => json(200, document));
