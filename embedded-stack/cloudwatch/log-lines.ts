import type { Readable } from 'node:stream';

/**
 * Calls `onLine` for each complete line of a stream (a child process's output),
 * so the stack can pick the EMF lines out of what the handlers print.
 */
export const forEachLine = (stream: Readable, onLine: (line: string) => void): void => {
  let pending = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    const lines = (pending + chunk).split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) onLine(line);
  });
  stream.on('end', () => {
    if (pending !== '') onLine(pending);
    pending = '';
  });
};
