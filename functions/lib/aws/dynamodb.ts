import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { captured } from '../tracer';

// One module per AWS client: a bundle holds only the clients its handler imports (a module that
// built every client put the whole SDK in every function, 1.4 MiB zips). Created once per
// container. Endpoints come from the SDK's own AWS_ENDPOINT_URL / AWS_ENDPOINT_URL_<SERVICE>
// variables, so the code is the same on AWS, LocalStack and the embedded stack.
// Each client is captured by Powertools Tracer where it is created (../tracer.ts): its calls are
// subsegments of the invocation's X-Ray trace on AWS; locally tracing is off and it is the client.

export const dynamoDb = /* @__PURE__ */ DynamoDBDocumentClient.from(
  /* @__PURE__ */ captured(/* @__PURE__ */ new DynamoDBClient({})),
  { marshallOptions: { removeUndefinedValues: true } },
);
