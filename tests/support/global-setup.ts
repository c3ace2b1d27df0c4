import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startStack } from './start-stack';
import { TEST_STACK_FILE, TEST_STACK_LOG, TEST_STACK_PORTS } from './test-stack';

/**
 * Starts one embedded stack for every integration and end-to-end test (see test-stack.ts), and
 * makes the run's folder, where what the run makes once for all its files is kept
 * (packaged-template.ts sharedPackage); global-teardown.ts removes both.
 */
export default async function globalSetup(): Promise<void> {
  // Jest starts its workers after this: they inherit the variable.
  process.env.SHOP_TEST_RUN_DIR = await mkdtemp(join(tmpdir(), 'shop-test-run-'));
  const stack = await startStack(
    process.execPath,
    ['--import', 'tsx', 'embedded-stack/start.ts', '--fresh'],
    {
      ...process.env,
      ...TEST_STACK_PORTS,
      SHOP_STACK_FILE: TEST_STACK_FILE,
      // The saga's failure paths retry with backoff of up to 4 s a step: at a hundredth, the
      // tests no longer wait it out (tests/unit/embedded-stack/step-functions/time-scale.test.ts
      // keeps real time and checks it).
      SHOP_SFN_TIME_SCALE: process.env.SHOP_SFN_TIME_SCALE ?? '0.01',
      POWERTOOLS_LOG_LEVEL: process.env.SHOP_TEST_LOG_LEVEL ?? 'WARN',
      // It serves every test file for the whole run: the JVM's default tiers (start-stack.ts).
      JAVA_TOOL_OPTIONS: process.env.JAVA_TOOL_OPTIONS ?? '',
    },
    { timeoutMs: 90_000, logFile: TEST_STACK_LOG },
  );
  (globalThis as { shopTestStack?: typeof stack }).shopTestStack = stack;
}
