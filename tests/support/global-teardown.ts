import { rm } from 'node:fs/promises';
import type { RunningStack } from './start-stack';

export default async function globalTeardown(): Promise<void> {
  await (globalThis as { shopTestStack?: RunningStack }).shopTestStack?.stop();
  const runDir = process.env.SHOP_TEST_RUN_DIR;
  if (runDir) await rm(runDir, { recursive: true, force: true });
}
