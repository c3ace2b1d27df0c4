import * as z from 'zod';
import { loadConfig, resourceName } from '../lib/config';

// The namespace Powertools Metrics writes to (serverless.yml: shop-<stage>), read here too.
export const operationsConfig = loadConfig(
  z.object({ POWERTOOLS_METRICS_NAMESPACE: resourceName }),
);
