import { Tracer } from '@aws-lambda-powertools/tracer';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';

// Powertools Tracer (X-Ray). Deployed functions run with Active tracing (serverless.yml
// provider.tracing); the embedded stack has no X-Ray and sets POWERTOOLS_TRACE_ENABLED=false,
// which turns every call below into a no-op. Service name: POWERTOOLS_SERVICE_NAME.
export const tracer = new Tracer();

/** An AWS SDK v3 client whose calls show as subsegments of the invocation's trace. */
export const captured = <C>(client: C): C => tracer.captureAWSv3Client(client);

/**
 * The middy middleware every stack starts with: the invocation as a traced segment. Responses
 * stay out of the trace: they hold customers' data and can exceed a segment's size.
 */
export const traceInvocation = () => captureLambdaHandler(tracer, { captureResponse: false });
