import { SFNClient } from '@aws-sdk/client-sfn';
import { captured } from '../tracer';

// Created once per container (see ./dynamodb.ts for why one module per client).
// Starting the saga sits on the POST /orders request path: a hung connection must fail within
// the function's time so the handler can still deal with the order it wrote (the SDK's standard
// retry mode repeats throttled, 5xx and network failures within this budget).
export const sfn = /* @__PURE__ */ captured(
  /* @__PURE__ */ new SFNClient({
    maxAttempts: 3,
    requestHandler: { connectionTimeout: 1000, requestTimeout: 2000 },
  }),
);
