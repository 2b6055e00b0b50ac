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

/** One test project's settings: the integration tests with the dev config's slugs. */
export const base = {
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
  setupFiles: ['<rootDir>/test/helpers/defaultSlugs.ts'],
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

/**
 * Suites left out of the renamed-slugs run: their code names no plugin table (unit tests, access
 * matrices, fuzzers, public API, Liquid and layouts) or they exercise processes and crashes, which
 * the default run covers (workers, crash and restart suites, scale-out).
 */
const notRenamed = [
  '<rootDir>/test/worker/',
  '<rootDir>/test/postmark/',
  '<rootDir>/test/transactional/',
  '<rootDir>/src/',
  'Matrix\\.spec',
  '[cC]rash\\.spec',
  '[fF]uzz\\.spec',
  'workers\\.spec',
  'pauseResume',
  'auditLog',
  'clientAddress',
  'oneGuard',
  'importUploadDir',
  'publicApi',
  'zonedTimes',
  'webhookStep',
  'liquidErrors',
  'webhookExamples',
  'layouts\\.spec',
  'rateLimit',
]

const projects = {
  default: { ...base, displayName: 'default' },
  renamed: {
    ...base,
    displayName: 'renamed',
    setupFiles: ['<rootDir>/test/helpers/renamedSlugs.ts'],
    testPathIgnorePatterns: [...base.testPathIgnorePatterns, ...notRenamed],
  },
}

/**
 * The integration suite with the dev config's slugs (`npm run test:int`, part of `npm test`), or
 * with renamed ones when TEST_SLUGS=renamed (dev/testSlugs.ts; `npm run test:int:renamed`), which
 * fails any query that spells a plugin table or link column by hand.
 */
/** @type {import('jest').Config} */
export default {
  projects: [process.env.TEST_SLUGS === 'renamed' ? projects.renamed : projects.default],
  testSequencer: '<rootDir>/test/helpers/longestFirstSequencer.cjs',
  // A run-wide option: jest ignores it inside projects.
  testTimeout: base.testTimeout,
}
