/**
 * The API's reference page for `npm start`: docs/api.html, Scalar's browser build (from
 * node_modules, nothing fetched from the network) and the OpenAPI document built from the
 * contracts, with the local HTTP API as its server so "try it" reaches the running shop.
 * Our own ~40 lines rather than a static-server package: three fixed files, no directory listing.
 */
import { createReadStream } from 'node:fs';
import { createServer } from 'node:http';
import { resolve } from 'node:path';
import { buildOpenApiDocument } from '../contracts/http/openapi';
import { PROJECT_ROOT } from './settings';

const SCALAR_BUILD = resolve(PROJECT_ROOT, 'node_modules/@scalar/api-reference/dist/browser');

export interface ApiDocsServer {
  url: string;
  close: () => Promise<void>;
}

export async function startApiDocs(options: {
  host: string;
  port: number;
  httpApiUrl: string;
}): Promise<ApiDocsServer> {
  const document = JSON.stringify(buildOpenApiDocument({ serverUrl: options.httpApiUrl }));
  const files: Record<string, { path: string; type: string }> = {
    '/': { path: resolve(PROJECT_ROOT, 'docs/api.html'), type: 'text/html; charset=utf-8' },
    '/scalar/standalone.js': {
      path: resolve(SCALAR_BUILD, 'standalone.js'),
      type: 'text/javascript; charset=utf-8',
    },
  };
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://docs').pathname;
    if (path === '/openapi.json') {
      response.writeHead(200, { 'content-type': 'application/json' }).end(document);
      return;
    }
    const file = files[path];
    if (!file) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
      return;
    }
    response.writeHead(200, { 'content-type': file.type });
    createReadStream(file.path).pipe(response);
  });
  await new Promise<void>((resolveListen, rejectListen) => {
    server.once('error', rejectListen);
    server.listen(options.port, options.host, resolveListen);
  });
  return {
    url: `http://${options.host}:${options.port}/`,
    close: () => new Promise((resolveClose) => server.close(() => resolveClose())),
  };
}
