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

/**
 * Calls `onLine` for each complete line this process writes to `stream` (its stdout), leaving
 * the output as it was: handlers run in-process print their EMF lines there, as they would to
 * CloudWatch Logs on Lambda.
 */
export const tapOutputLines = (
  stream: NodeJS.WriteStream,
  onLine: (line: string) => void,
): void => {
  const write = stream.write.bind(stream) as (...args: unknown[]) => boolean;
  let pending = '';
  stream.write = (chunk: unknown, ...rest: unknown[]): boolean => {
    const text =
      typeof chunk === 'string' ? chunk : Buffer.isBuffer(chunk) ? chunk.toString('utf8') : '';
    const lines = (pending + text).split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) onLine(line);
    return write(chunk, ...rest);
  };
};
