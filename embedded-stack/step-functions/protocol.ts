import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody, sendPayload } from '../aws-endpoint';

// The AWS JSON 1.0 protocol as @aws-sdk/client-sfn speaks it: every call is a
// POST to '/', the action named in X-Amz-Target, JSON bodies both ways, errors
// as HTTP 400 with the error code in both the body and x-amzn-errortype.

export const CONTENT_TYPE = 'application/x-amz-json-1.0';
const TARGET_PREFIX = 'AWSStepFunctions.';

export type ErrorCode =
  | 'ExecutionAlreadyExists'
  | 'ExecutionDoesNotExist'
  | 'ExecutionNotRedrivable'
  | 'InvalidArn'
  | 'InvalidExecutionInput'
  | 'InvalidName'
  | 'InvalidToken'
  | 'ResourceNotFound'
  | 'SerializationException'
  | 'StateMachineDoesNotExist'
  | 'UnknownOperationException'
  | 'ValidationException';

export class ServiceError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = code;
  }
}

/** The action of an X-Amz-Target header, or undefined when it names no Step Functions action. */
export const actionOf = (request: IncomingMessage): string | undefined => {
  const target = request.headers['x-amz-target'];
  if (request.method !== 'POST' || typeof target !== 'string') return undefined;
  return target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : undefined;
};

export const readJsonBody = async (request: IncomingMessage): Promise<unknown> => {
  const text = (await readBody(request)).toString('utf8');
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new ServiceError('SerializationException', 'The request body is not valid JSON');
  }
};

const send = (
  response: ServerResponse,
  statusCode: number,
  body: unknown,
  headers: Record<string, string> = {},
): void =>
  sendPayload(response, statusCode, JSON.stringify(body), {
    'content-type': CONTENT_TYPE,
    ...headers,
  });

export const sendResult = (response: ServerResponse, body: unknown): void =>
  send(response, 200, body);

export const sendError = (response: ServerResponse, error: ServiceError): void =>
  send(
    response,
    400,
    { __type: error.code, message: error.message },
    { 'x-amzn-errortype': error.code },
  );

export const sendInternalError = (response: ServerResponse, message: string): void =>
  send(
    response,
    500,
    { __type: 'InternalFailure', message },
    { 'x-amzn-errortype': 'InternalFailure' },
  );

/** The JSON protocol sends timestamps as epoch seconds with a fraction. */
export const epochSeconds = (date: Date): number => date.getTime() / 1000;
