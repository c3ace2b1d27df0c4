// The local CloudWatch endpoint: it reads the embedded-metric-format lines the
// handlers print and answers GetMetricData and ListMetrics for them, so code
// that reads metrics through @aws-sdk/client-cloudwatch works the same on a
// laptop as on AWS. Ours because nothing on npm serves the CloudWatch metrics
// API without Docker (LocalStack and moto are a container and a Python server).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody, sendPayload, startAwsEndpoint } from '../aws-endpoint';
import { actions, type ActionContext } from './actions';
import { samplesOfEmfLine } from './emf';
import { ServiceError } from './errors';
import { MetricStore } from './metric-store';
import type { CloudWatchServer, CloudWatchServerOptions } from './types';
import { wireProtocols, type WireProtocol } from './wire-protocols';

export type { CloudWatchServer, CloudWatchServerOptions } from './types';

const send = (
  response: ServerResponse,
  protocol: WireProtocol,
  statusCode: number,
  body: unknown,
  headers: Record<string, string> = {},
): void =>
  sendPayload(response, statusCode, protocol.encode(body), { ...protocol.headers, ...headers });

const sendError = (response: ServerResponse, protocol: WireProtocol, error: ServiceError): void =>
  send(
    response,
    protocol,
    error.statusCode,
    { __type: `com.amazonaws.cloudwatch#${error.code}`, message: error.message },
    {
      'x-amzn-errortype': error.code,
      'x-amzn-query-error': `${error.queryCode};${error.statusCode < 500 ? 'Sender' : 'Receiver'}`,
    },
  );

const handle = async (
  request: IncomingMessage,
  response: ServerResponse,
  context: ActionContext,
): Promise<void> => {
  const named = wireProtocols
    .map((protocol) => ({ protocol, operation: protocol.operationOf(request) }))
    .find(({ operation }) => operation !== undefined);
  const protocol = named?.protocol ?? wireProtocols[0];
  if (!protocol) throw new Error('No wire protocol is configured');
  try {
    const action = named?.operation === undefined ? undefined : actions.get(named.operation);
    if (request.method !== 'POST' || !action) {
      throw new ServiceError(
        'UnknownOperationException',
        `Unknown operation: ${request.method ?? ''} ${request.url ?? ''}`,
      );
    }
    const body = protocol.decode(await readBody(request));
    send(response, protocol, 200, action(body, context));
  } catch (error) {
    if (error instanceof ServiceError) {
      sendError(response, protocol, error);
      return;
    }
    // A bug here, not a caller's mistake: say so loudly on the local console.
    console.error('[cloudwatch] internal error', error);
    const message = error instanceof Error ? error.message : String(error);
    sendError(response, protocol, new ServiceError('InternalServiceFault', message));
  }
};

export const startCloudWatchServer = async (
  options: CloudWatchServerOptions,
): Promise<CloudWatchServer> => {
  const context: ActionContext = { store: new MetricStore(), now: () => new Date() };
  const endpoint = await startAwsEndpoint({
    name: 'CloudWatch',
    port: options.port,
    host: options.host ?? '127.0.0.1',
    handle: (request, response) => handle(request, response, context),
  });
  return {
    ...endpoint,
    ingestLogLine: (line) => context.store.add(samplesOfEmfLine(line)),
  };
};
