export { startCloudWatchServer } from './server';
export { forEachLine } from './log-lines';
export type { CloudWatchServer, CloudWatchServerOptions } from './types';
