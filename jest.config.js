/** Jest runs the TypeScript sources as ESM through @swc/jest; see README "Tests". */
const esModules = [
  'payload',
  '@payloadcms',
  'file-type',
  'strtok3',
  'token-types',
  'peek-readable',
  'uint8array-extras',
  'qs-esm',
].join('|')

/** @type {import('jest').Config} */
export default {
  extensionsToTreatAsEsm: ['.ts', '.tsx'],
  moduleNameMapper: {
    '^payload-plugin-email-marketing$': '<rootDir>/src/index.ts',
    '^payload-plugin-email-marketing/(.*)$': '<rootDir>/src/exports/$1.ts',
    '^@payload-config$': '<rootDir>/dev/payload.config.ts',
    '\\.(css|scss)$': '<rootDir>/test/helpers/emptyModule.cjs',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  globalSetup: '<rootDir>/test/helpers/globalSetup.ts',
  globalTeardown: '<rootDir>/test/helpers/globalTeardown.ts',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/test/**/*.spec.ts', '<rootDir>/src/**/*.spec.ts'],
  // The migrations test runs once on its own (npm run test:migrations), with the dev config's slugs.
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/e2e/', '<rootDir>/test/migrations/'],
  testTimeout: 120000,
  transform: {
    '^.+\\.(t|j)sx?$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', tsx: true },
          target: 'es2022',
          transform: { react: { runtime: 'automatic' } },
        },
        module: { type: 'es6' },
      },
    ],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${esModules})/)`],
}
