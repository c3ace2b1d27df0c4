// Which errors are worth retrying. The AWS SDK marks its own (`$retryable`, `$fault: 'server'`);
// the rest are names that mean "busy" or "lost a race", and network failures.
const TRANSIENT_NAMES = new Set([
  'ConcurrentUpdate',
  'ThrottlingException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'TransactionConflictException',
  'TransactionInProgressException',
  'InternalServerError',
  'ServiceUnavailable',
  'TimeoutError',
]);
const TRANSIENT_NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ETIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
]);

interface SdkErrorMetadata {
  $retryable?: unknown;
  $fault?: unknown;
  code?: unknown;
}

export const isTransient = (error: unknown): boolean => {
  if (!(error instanceof Error)) return false;
  const metadata = error as Error & SdkErrorMetadata;
  return (
    TRANSIENT_NAMES.has(error.name) ||
    metadata.$retryable !== undefined ||
    metadata.$fault === 'server' ||
    (typeof metadata.code === 'string' && TRANSIENT_NETWORK_CODES.has(metadata.code))
  );
};
