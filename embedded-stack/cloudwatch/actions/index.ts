import type { Action } from './context';
import { getMetricData } from './get-metric-data';
import { listMetrics } from './list-metrics';
import { putMetricData } from './put-metric-data';

export type { Action, ActionContext } from './context';

/** The CloudWatch operations this server answers, by name. */
export const actions: ReadonlyMap<string, Action> = new Map([
  ['GetMetricData', getMetricData],
  ['ListMetrics', listMetrics],
  ['PutMetricData', putMetricData],
]);
