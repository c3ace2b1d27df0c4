import { createConnection, createServer, type Server, type Socket } from 'node:net';

/**
 * A TCP proxy in front of one local port, which a test can take down (connections refused, open
 * ones cut) and bring back on the same port: an outage of the service behind it, seen by its
 * clients exactly as a real one, while the service itself keeps running.
 */
export interface TcpProxy {
  url: string;
  down: () => Promise<void>;
  up: () => Promise<void>;
}

const HOST = '127.0.0.1';

export async function startTcpProxy(targetPort: number): Promise<TcpProxy> {
  const sockets = new Set<Socket>();
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  };
  const serve = (): Server =>
    createServer((client) => {
      const upstream = createConnection(targetPort, HOST);
      track(client);
      track(upstream);
      client.on('error', () => upstream.destroy());
      upstream.on('error', () => client.destroy());
      client.pipe(upstream).pipe(client);
    });
  const listen = (server: Server, port: number) =>
    new Promise<number>((resolveListening, rejectListening) => {
      server.once('error', rejectListening);
      server.listen(port, HOST, () => {
        const address = server.address();
        resolveListening(typeof address === 'object' && address ? address.port : port);
      });
    });

  let server: Server | undefined = serve();
  const port = await listen(server, 0);
  return {
    url: `http://${HOST}:${port}`,
    async down() {
      const closing = server;
      server = undefined;
      if (!closing) return;
      const closed = new Promise<void>((resolveClosed) => closing.close(() => resolveClosed()));
      for (const socket of sockets) socket.destroy();
      await closed;
    },
    async up() {
      if (server) return;
      server = serve();
      await listen(server, port);
    },
  };
}
