import { Logger } from '@aws-lambda-powertools/logger';

// Service name and level come from POWERTOOLS_SERVICE_NAME and
// POWERTOOLS_LOG_LEVEL, set per function by the deployment.
export const logger = new Logger();
