import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { captured } from '../tracer';

// Created once per container (see ./dynamodb.ts for why one module per client).
// GET /admin/metrics reads its numbers here (AWS_ENDPOINT_URL_CLOUDWATCH locally).
export const cloudWatch = /* @__PURE__ */ captured(/* @__PURE__ */ new CloudWatchClient({}));
