import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

/**
 * The JavaScript a browser fetches for the console's first page: the scripts and module preloads
 * web/dist/index.html names (the saga graph's chunk loads later, on an order page), raw and gzip.
 */
export async function firstPageJavaScript(
  dist: string,
): Promise<{ files: string[]; bytes: number; gzipBytes: number }> {
  const html = await readFile(resolve(dist, 'index.html'), 'utf8');
  const files = [...html.matchAll(/(?:src|href)="\/?(assets\/[^"]+\.js)"/g)].map(
    (match) => match[1] ?? '',
  );
  let bytes = 0;
  let gzipBytes = 0;
  for (const file of files) {
    const content = await readFile(resolve(dist, file));
    bytes += content.length;
    gzipBytes += gzipSync(content, { level: 9 }).length;
  }
  return { files, bytes, gzipBytes };
}
