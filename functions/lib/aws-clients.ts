import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { SNSClient } from '@aws-sdk/client-sns';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { SFNClient } from '@aws-sdk/client-sfn';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';

// Created once per container. Endpoints come from the SDK's own
// AWS_ENDPOINT_URL / AWS_ENDPOINT_URL_<SERVICE> variables, so the code is the
// same on AWS, LocalStack and the embedded stack. The pure annotations let a
// bundle leave out the clients a function never uses.

export const dynamoDb = /* @__PURE__ */ DynamoDBDocumentClient.from(
  /* @__PURE__ */ new DynamoDBClient({}),
  { marshallOptions: { removeUndefinedValues: true } },
);

// Only the outbox publishers publish: a hung connection must fail within the function's time, so
// the stream's retry (not a timeout) takes the batch again.
export const sns = /* @__PURE__ */ new SNSClient({
  maxAttempts: 3,
  requestHandler: { connectionTimeout: 1000, requestTimeout: 2000 },
});

export const lambda = new LambdaClient({});

// Starting the saga sits on the POST /orders request path: a hung connection must fail within
// the function's time so the handler can still deal with the order it wrote (the SDK's standard
// retry mode repeats throttled, 5xx and network failures within this budget).
export const sfn = /* @__PURE__ */ new SFNClient({
  maxAttempts: 3,
  requestHandler: { connectionTimeout: 1000, requestTimeout: 2000 },
});

// Sign-up and sign-in sit on the /auth/* request paths: a hung call must fail within the
// function's time, as a 500 the client can retry (users/registration.ts finishes a half-made
// registration), rather than time the function out.
export const cognito = /* @__PURE__ */ new CognitoIdentityProviderClient({
  maxAttempts: 3,
  requestHandler: { connectionTimeout: 1000, requestTimeout: 2500 },
});

// GET /admin/metrics reads its numbers here (AWS_ENDPOINT_URL_CLOUDWATCH locally).
export const cloudWatch = /* @__PURE__ */ new CloudWatchClient({});
