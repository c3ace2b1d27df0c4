import type { RunningStack } from './start-stack';

export default async function globalTeardown(): Promise<void> {
  await (globalThis as { shopTestStack?: RunningStack }).shopTestStack?.stop();
}
