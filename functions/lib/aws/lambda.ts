import { LambdaClient } from '@aws-sdk/client-lambda';
import { captured } from '../tracer';

// Created once per container (see ./dynamodb.ts for why one module per client).
export const lambda = /* @__PURE__ */ captured(/* @__PURE__ */ new LambdaClient({}));
