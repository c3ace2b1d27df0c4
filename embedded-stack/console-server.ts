import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { extname, resolve, sep } from 'node:path';

/**
 * Serves the built console (web/dist) and its `/config.json` (the API's URL and the stage's
 * settings), as S3 and CloudFront do once deployed. Written here rather than taken from a
 * library: a dozen lines of node:http, GET only, no directory listing, no path outside dist.
 */
export interface ConsoleSettings {
  apiUrl: string;
  stage: string;
  faultInjection: boolean;
}

export interface ConsoleServer {
  url: string;
  close(): Promise<void>;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

export async function startConsoleServer(options: {
  host: string;
  port: number;
  dist: string;
  settings: ConsoleSettings;
}): Promise<ConsoleServer> {
  const root = resolve(options.dist);
  const config = JSON.stringify(options.settings);
  const server: Server = createServer((request, response) => {
    void (async () => {
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        response.writeHead(405, { Allow: 'GET, HEAD' }).end();
        return;
      }
      const path = decodeURIComponent(new URL(request.url ?? '/', 'http://console').pathname);
      if (path === '/config.json') {
        response.writeHead(200, {
          'Content-Type': CONTENT_TYPES['.json'],
          'Cache-Control': 'no-store',
        });
        response.end(config);
        return;
      }
      const file = resolve(root, `.${path === '/' ? '/index.html' : path}`);
      const body = file.startsWith(root + sep)
        ? await readFile(file).catch(() => undefined)
        : undefined;
      if (!body) {
        response.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found');
        return;
      }
      response.writeHead(200, {
        'Content-Type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
        // Vite names assets by their content hash: they never change under one name.
        'Cache-Control': path.startsWith('/assets/')
          ? 'public, max-age=31536000, immutable'
          : 'no-cache',
      });
      response.end(request.method === 'HEAD' ? undefined : body);
    })();
  });
  await new Promise<void>((resolveListening, reject) => {
    server.once('error', reject).listen(options.port, options.host, resolveListening);
  });
  return {
    url: `http://${options.host}:${options.port}`,
    close: () => new Promise((resolveClosed) => server.close(() => resolveClosed())),
  };
}
