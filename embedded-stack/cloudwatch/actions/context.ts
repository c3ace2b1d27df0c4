import type { MetricStore } from '../metric-store';

export interface ActionContext {
  store: MetricStore;
  now: () => Date;
}

export type Action = (body: unknown, context: ActionContext) => unknown;
