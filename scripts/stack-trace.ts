import { readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { join, resolve } from 'node:path';
import { text } from 'node:stream/consumers';

/**
 * Maps a stack trace logged by a deployed function back to the TypeScript it came from. The
 * bundles ship minified and without their source maps (serverless.yml, custom.esbuild): the maps
 * of the last `sls package` are in .source-maps/ (scripts/esbuild-plugins.js). Node's own
 * SourceMap does the lookup; this only finds the frames. Usage: `npm run stack-trace < trace.txt`
 * (a frame looks like `at f (/var/task/functions/orders/handlers/place-order.js:1:2345)`).
 */
const MAP_DIR = resolve(__dirname, '..', '.source-maps');
const FRAME = /(?:\/var\/task\/)?((?:functions|contracts)\/[\w/.-]+\.js):(\d+):(\d+)/g;

const maps = new Map<string, SourceMap | undefined>();
function mapOf(bundle: string): SourceMap | undefined {
  if (!maps.has(bundle)) {
    try {
      const payload = JSON.parse(readFileSync(join(MAP_DIR, `${bundle}.map`), 'utf8')) as object;
      maps.set(bundle, new SourceMap(payload as ConstructorParameters<typeof SourceMap>[0]));
    } catch {
      maps.set(bundle, undefined);
    }
  }
  return maps.get(bundle);
}

export function mapStackTrace(trace: string): string {
  return trace.replace(FRAME, (frame, bundle: string, line: string, column: string) => {
    const entry = mapOf(bundle)?.findEntry(Number(line) - 1, Number(column) - 1);
    if (!entry || !('originalSource' in entry)) return frame;
    const source = entry.originalSource.replace(/^(\.\.\/)+/, '');
    return `${source}:${entry.originalLine + 1}:${entry.originalColumn + 1}`;
  });
}

if (require.main === module) {
  void text(process.stdin).then((trace) => process.stdout.write(mapStackTrace(trace)));
}
