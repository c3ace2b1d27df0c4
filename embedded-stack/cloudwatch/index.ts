export { startCloudWatchServer } from './server';
export { forEachLine, tapOutputLines } from './log-lines';
export type { CloudWatchServer, CloudWatchServerOptions } from './types';
