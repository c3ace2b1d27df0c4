import { SNSClient } from '@aws-sdk/client-sns';

// Created once per container (see ./dynamodb.ts for why one module per client).
export const sns = /* @__PURE__ */ new SNSClient({});
