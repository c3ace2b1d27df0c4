// Three projects: unit tests need no network; integration and e2e tests share
// one embedded stack that globalSetup starts (tests/support/global-setup.ts).
const transform = {
  '^.+\\.(t|j|mj)s$': [
    '@swc/jest',
    { jsc: { target: 'es2023', parser: { syntax: 'typescript' } }, module: { type: 'commonjs' } },
  ],
};
// middy 7 is ESM-only: let swc turn it into CommonJS for Jest.
const transformIgnorePatterns = ['/node_modules/(?!@middy/)'];

const base = { transform, transformIgnorePatterns, testEnvironment: 'node' };

module.exports = {
  projects: [
    { ...base, displayName: 'unit', testMatch: ['<rootDir>/tests/unit/**/*.test.ts'] },
    {
      ...base,
      displayName: 'integration',
      testMatch: ['<rootDir>/tests/integration/**/*.test.ts', '<rootDir>/tests/e2e/**/*.test.ts'],
      globalSetup: '<rootDir>/tests/support/global-setup.ts',
      globalTeardown: '<rootDir>/tests/support/global-teardown.ts',
      setupFiles: ['<rootDir>/tests/support/stack-env.ts'],
    },
  ],
};
