import { SNSClient } from '@aws-sdk/client-sns';
import { captured } from '../tracer';

// Created once per container (see ./dynamodb.ts for why one module per client).
export const sns = /* @__PURE__ */ captured(/* @__PURE__ */ new SNSClient({}));
