// Two projects: unit tests need no network; integration and e2e tests share
// one embedded stack that globalSetup starts (tests/support/global-setup.ts).
const transform = { '^.+\\.(t|j|mj)s$': '<rootDir>/tests/support/esbuild-transform.js' };
// middy 7 is ESM-only (its exports have only an `import` condition): point Jest's CommonJS
// resolver at its files and let the transform turn them into CommonJS.
const transformIgnorePatterns = ['/node_modules/(?!@middy/)'];
const moduleNameMapper = {
  '^@middy/core$': '<rootDir>/node_modules/@middy/core/index.js',
  '^@middy/util$': '<rootDir>/node_modules/@middy/util/index.js',
};

const base = {
  transform,
  transformIgnorePatterns,
  moduleNameMapper,
  testEnvironment: 'node',
  setupFiles: ['<rootDir>/tests/support/quiet-logs.ts'],
};

module.exports = {
  // A request through the stack can take seconds on a busy 2-core machine; this bounds a hung
  // test, it times nothing.
  testTimeout: 30_000,
  // Two files at once: most of a file's time is a stack's start or its handlers' work, in other
  // processes, so one worker left a CPU of CI's two idle. The files that load a stack heavily or
  // need whole tables to themselves start stacks of their own (PRIVATE_STACK_BASES).
  maxWorkers: 2,
  testSequencer: '<rootDir>/tests/support/test-sequencer.js',
  reporters: ['default', '<rootDir>/tests/support/summary-reporter.js'],
  projects: [
    { ...base, displayName: 'unit', testMatch: ['<rootDir>/tests/unit/**/*.test.ts'] },
    {
      ...base,
      displayName: 'integration',
      testMatch: ['<rootDir>/tests/integration/**/*.test.ts', '<rootDir>/tests/e2e/**/*.test.ts'],
      globalSetup: '<rootDir>/tests/support/global-setup.ts',
      globalTeardown: '<rootDir>/tests/support/global-teardown.ts',
      // stack-env first: quiet-logs then overrides the stack's log level for this process.
      setupFiles: ['<rootDir>/tests/support/stack-env.ts', ...base.setupFiles],
    },
  ],
};
