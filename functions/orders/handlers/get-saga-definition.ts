import * as z from 'zod';
import { loadConfig, resourceName } from '../../lib/config';
import { json } from '../../lib/middleware/http-handler';
import { adminRoute } from '../../lib/middleware/http-auth';
import { createSagaDefinitionReader } from '../saga-definition';

const config = loadConfig(z.object({ ORDER_SAGA_STATE_MACHINE_ARN: resourceName }));
const readDefinition = createSagaDefinitionReader();

/**
 * GET /saga/definition (admin): the deployed order saga's ASL, as Step Functions itself describes
 * it. A customer's order page reads GET /orders/{orderId}/saga/definition instead.
 */
export const handler = adminRoute({}, async () =>
  json(200, await readDefinition(config.ORDER_SAGA_STATE_MACHINE_ARN)),
);
