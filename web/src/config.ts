/**
 * The console's runtime settings, read from `/config.json` beside the page: the same build runs
 * against `npm start` and a deployed stage, each serving its own file (the embedded stack's
 * static server locally, the deploy script's upload on S3).
 */
export interface RuntimeConfig {
  /** The shop's HTTP API, without a trailing slash. */
  apiUrl: string;
  stage: string;
  /** Whether the stage honours X-Fault-Injection (API.md): the local and test stages only. */
  faultInjection: boolean;
}

export async function loadRuntimeConfig(): Promise<RuntimeConfig> {
  const response = await fetch('/config.json', { cache: 'no-store' });
  if (!response.ok) throw new Error(`/config.json answered ${response.status}`);
  const raw = (await response.json()) as Partial<RuntimeConfig>;
  if (typeof raw.apiUrl !== 'string') throw new Error('/config.json names no apiUrl');
  return {
    apiUrl: raw.apiUrl.replace(/\/+$/, ''),
    stage: raw.stage ?? 'unknown',
    faultInjection: raw.faultInjection === true,
  };
}
