// Tests run TypeScript through ts-jest in transpile-only mode: `npm run typecheck` type-checks the whole
// tree once, so each test file is only transpiled here (fast, and no native binaries to install).
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts', '**/*.test.js'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json', diagnostics: false }],
  },
  transformIgnorePatterns: ['/node_modules/'],
  setupFiles: ['<rootDir>/test/setup/block-external-network.ts'],
  testTimeout: 30000,
  // Two cores: more workers only add contention for the real servers the tests start.
  maxWorkers: 2,
};
