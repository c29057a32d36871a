// Tests run TypeScript through SWC (no type-checking here: `npm run typecheck` does that once for the whole tree).
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts', '**/*.test.js'],
  transform: {
    '^.+\\.(t|j)s$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  transformIgnorePatterns: ['/node_modules/'],
  setupFiles: ['<rootDir>/test/setup/block-external-network.ts'],
  testTimeout: 30000,
  // Two cores: more workers only add contention for the real servers the tests start.
  maxWorkers: 2,
};
