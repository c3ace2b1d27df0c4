import * as z from 'zod';
import { isStateMachineArn } from '../arns';
import { ServiceError } from '../protocol';
import type { Action } from './context';
import { arnSchema } from './lookups';
import { parseRequest } from './request';

// https://docs.aws.amazon.com/step-functions/latest/apireference/API_ListTagsForResource.html
// The local stack's machines carry no tags; an unknown machine is an error, as on AWS.
const requestSchema = z.object({ resourceArn: arnSchema });

export const listTagsForResource: Action = (body, context) => {
  const { resourceArn } = parseRequest(requestSchema, body);
  if (!isStateMachineArn(resourceArn) || !context.stateMachines.get(resourceArn)) {
    throw new ServiceError('ResourceNotFound', `Resource not found: '${resourceArn}'`);
  }
  return { tags: [] };
};
