/** Jest runs TypeScript as ESM (Nest 12 is ESM-only); types are checked by the build, not here. */
export default {
  testEnvironment: 'node',
  rootDir: '.',
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/test'],
  testMatch: ['**/*.spec.ts', '**/*.e2e-spec.ts', '**/*.int-spec.ts', '**/*.browser-spec.ts'],
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: {
    '^@ocop/([a-z-]+)$': '<rootDir>/libs/$1/src/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
    // Jest on Node 20 cannot require() an ES module; @fastify/static requires this ESM-only package.
    '^content-disposition$': '<rootDir>/node_modules/content-disposition-cjs/index.js',
  },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: '<rootDir>/tsconfig.jest.json', diagnostics: false }],
  },
  testTimeout: 30000,
  maxWorkers: 2,
  setupFiles: ['<rootDir>/test/setup-env.mjs'],
};
