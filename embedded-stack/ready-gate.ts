/**
 * The shop's public HTTP port, opened only when the shop is ready (API.md "Health": locally no
 * route answers, not even /health, until the tables exist, the demo data is seeded and the admin
 * is registered, so a client that waits for /health can use every route at once).
 * serverless-offline listens on an internal port from the start, and the stack seeds through it;
 * this listener, opened last, pipes each connection to it byte for byte. Our own few lines rather
 * than an HTTP proxy library: nothing here parses HTTP, so nothing can change a request.
 */
import { connect, createServer, type Socket } from 'node:net';
import { pipeline } from 'node:stream';

export interface ReadyGate {
  close(): Promise<void>;
}

export function openReadyGate(options: {
  host: string;
  publicPort: number;
  targetPort: number;
}): Promise<ReadyGate> {
  const open = new Set<Socket>();
  // noDelay on both legs, as Node's HTTP server sets it: with Nagle's algorithm a response
  // written in two chunks (head, then body) waits for the client's delayed ACK, 40 ms a request.
  const server = createServer({ noDelay: true }, (client) => {
    const target = connect({ port: options.targetPort, host: options.host, noDelay: true });
    for (const socket of [client, target]) {
      open.add(socket);
      socket.once('close', () => open.delete(socket));
    }
    // Either side failing or closing ends both (the client sees a reset, as it would from the
    // target); pipeline handles every error, so none can escape as an unhandled 'error' event.
    const endBoth = () => {
      client.destroy();
      target.destroy();
    };
    pipeline(client, target, client, (error) => {
      if (error) endBoth();
    });
  });
  return new Promise((resolveOpen, rejectOpen) => {
    server.once('error', rejectOpen);
    server.listen(options.publicPort, options.host, () => {
      server.off('error', rejectOpen);
      resolveOpen({
        close: () =>
          new Promise<void>((resolveClose) => {
            for (const socket of open) socket.destroy();
            server.close(() => resolveClose());
          }),
      });
    });
  });
}
