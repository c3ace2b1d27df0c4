import { LambdaClient } from '@aws-sdk/client-lambda';

// Created once per container (see ./dynamodb.ts for why one module per client).
export const lambda = /* @__PURE__ */ new LambdaClient({});
