export interface Dimension {
  Name: string;
  Value: string;
}

export interface MetricIdentity {
  namespace: string;
  name: string;
  dimensions: Dimension[];
}

/** One observed value, or `count` observations of the same value. */
export interface MetricSample {
  metric: MetricIdentity;
  timestamp: Date;
  value: number;
  count: number;
  unit: string;
}

export interface CloudWatchServerOptions {
  port: number;
  host?: string;
}

export interface CloudWatchServer {
  url: string;
  /** Reads the metrics of one log line if it is in the embedded metric format. */
  ingestLogLine: (line: string) => void;
  close: () => Promise<void>;
}
