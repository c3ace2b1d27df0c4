import { createServer } from 'node:net';

/** Fails with one clear message naming every port that something else already holds. */
export async function assertPortsFree(host: string, ports: Record<string, number>): Promise<void> {
  const taken: string[] = [];
  for (const [name, port] of Object.entries(ports)) {
    if (!(await isFree(host, port))) taken.push(`${name} ${port}`);
  }
  if (taken.length > 0) {
    throw new Error(
      `Port(s) already in use: ${taken.join(', ')}. Is another stack running? Stop it, or move this one with SHOP_*_PORT variables.`,
    );
  }
}

function isFree(host: string, port: number): Promise<boolean> {
  return new Promise((resolveFree) => {
    const server = createServer()
      .once('error', () => resolveFree(false))
      .once('listening', () => server.close(() => resolveFree(true)))
      .listen(port, host);
  });
}
