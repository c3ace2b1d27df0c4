import { dynamoDb } from '../../lib/aws/dynamodb';
import { sfn } from '../../lib/aws/sfn';
import { sns } from '../../lib/aws/sns';
import { httpHandler, json } from '../../lib/middleware/http-handler';
import { healthConfig as config } from '../config';
import { dependencyProbes } from '../dependency-probes';
import { checkReadiness } from '../domain/readiness';

// Within the function's 10 s, and short enough that a load balancer's probe gets an answer.
const PROBE_TIMEOUT_MS = 3000;

const probes = dependencyProbes(
  {
    tables: {
      users: config.USERS_TABLE_NAME,
      catalog: config.CATALOG_TABLE_NAME,
      inventory: config.INVENTORY_TABLE_NAME,
      payments: config.PAYMENTS_TABLE_NAME,
      delivery: config.DELIVERY_TABLE_NAME,
      orders: config.ORDERS_TABLE_NAME,
      notifications: config.NOTIFICATIONS_TABLE_NAME,
    },
    stateMachineArn: config.ORDER_SAGA_STATE_MACHINE_ARN,
    topicArn: config.EVENTS_TOPIC_ARN,
    authIssuer: config.AUTH_ISSUER,
  },
  { dynamoDb, sfn, sns, fetch },
);

/**
 * GET /health/ready (API.md "Health"). The 503 carries the contract's error too, so a client
 * that reads every error the one way sees NOT_READY and which checks failed.
 */
export const handler = httpHandler(async () => {
  const { ready, checks } = await checkReadiness(probes, PROBE_TIMEOUT_MS);
  if (ready) return json(200, { status: 'ready', checks });
  const failing = Object.keys(checks).filter((name) => checks[name] !== 'ok');
  return json(503, {
    status: 'not-ready',
    checks,
    error: {
      code: 'NOT_READY',
      message: `Not ready: ${failing.join(', ')}`,
      details: { failing },
    },
  });
});
