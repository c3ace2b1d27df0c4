// CloudWatch's error shapes, each with the older query-protocol code that
// CloudWatch (an awsQueryCompatible service) also sends, in x-amzn-query-error.
const queryCodes = {
  InvalidParameterValueException: 'InvalidParameterValue',
  InvalidParameterCombinationException: 'InvalidParameterCombination',
  MissingRequiredParameterException: 'MissingParameter',
  InvalidNextToken: 'InvalidNextToken',
  SerializationException: 'SerializationException',
  UnknownOperationException: 'UnknownOperationException',
  InternalServiceFault: 'InternalServiceError',
} as const;

export type ErrorCode = keyof typeof queryCodes;

export class ServiceError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = code;
  }

  get queryCode(): string {
    return queryCodes[this.code];
  }

  get statusCode(): number {
    return this.code === 'InternalServiceFault' ? 500 : 400;
  }
}
