import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { captured } from '../tracer';

// Created once per container (see ./dynamodb.ts for why one module per client).
// Sign-up and sign-in sit on the /auth/* request paths: a hung call must fail within the
// function's time, as a 500 the client can retry (users/registration.ts finishes a half-made
// registration), rather than time the function out.
export const cognito = /* @__PURE__ */ captured(
  /* @__PURE__ */ new CognitoIdentityProviderClient({
    maxAttempts: 3,
    requestHandler: { connectionTimeout: 1000, requestTimeout: 2500 },
  }),
);
