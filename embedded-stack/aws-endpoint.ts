// The HTTP plumbing our local AWS service endpoints share (step-functions/, cloudwatch/): the
// request body read whole, an answer with its request id, and a server on a port that closes
// despite the SDK clients' keep-alive connections. Each service keeps its own wire protocol,
// errors and actions; node:http is all they need, so no framework.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';

export const readBody = async (request: IncomingMessage): Promise<Buffer> => {
  const chunks: Buffer[] = [];
  for await (const chunk of request) {
    const data: unknown = chunk;
    chunks.push(Buffer.isBuffer(data) ? data : Buffer.from(String(data)));
  }
  return Buffer.concat(chunks);
};

/** Answers `payload` as it is, with its length and a request id as AWS endpoints do. */
export const sendPayload = (
  response: ServerResponse,
  statusCode: number,
  payload: string | Buffer,
  headers: Record<string, string>,
): void => {
  response.writeHead(statusCode, {
    ...headers,
    'content-length': Buffer.byteLength(payload),
    'x-amzn-requestid': randomUUID(),
  });
  response.end(payload);
};

export interface AwsEndpoint {
  url: string;
  /** Stops the endpoint once, whoever asks; `beforeClose` runs first. */
  close: () => Promise<void>;
}

export interface AwsEndpointOptions {
  /** What the endpoint serves, for the error when it cannot listen. */
  name: string;
  /** 0 = any free port */
  port: number;
  host: string;
  handle: (request: IncomingMessage, response: ServerResponse) => Promise<void>;
  beforeClose?: () => void;
}

export const startAwsEndpoint = async ({
  name,
  port,
  host,
  handle,
  beforeClose,
}: AwsEndpointOptions): Promise<AwsEndpoint> => {
  const server = createServer((request, response) => {
    void handle(request, response);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === 'string') {
    throw new Error(`The ${name} server is not listening on a TCP port`);
  }

  const shutDown = async (): Promise<void> => {
    beforeClose?.();
    const closed = new Promise<void>((resolve, reject) =>
      server.close((error) => (error ? reject(error) : resolve())),
    );
    // SDK clients keep connections alive; without this close() would wait for them.
    server.closeAllConnections();
    await closed;
  };
  let closing: Promise<void> | undefined;
  return { url: `http://${host}:${address.port}`, close: () => (closing ??= shutDown()) };
};
