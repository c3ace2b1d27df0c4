import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { SNSClient } from '@aws-sdk/client-sns';
import { LambdaClient } from '@aws-sdk/client-lambda';

// Created once per container. Endpoints come from the SDK's own
// AWS_ENDPOINT_URL / AWS_ENDPOINT_URL_<SERVICE> variables, so the code is the
// same on AWS, LocalStack and the embedded stack. The pure annotations let a
// bundle leave out the clients a function never uses.

export const dynamoDb = /* @__PURE__ */ DynamoDBDocumentClient.from(
  /* @__PURE__ */ new DynamoDBClient({}),
  { marshallOptions: { removeUndefinedValues: true } },
);

export const sns = /* @__PURE__ */ new SNSClient({});

export const lambda = new LambdaClient({});
