import { base } from './jest.config.js'

/** Browser tests: the dev app on a fresh database, driven through the system Chromium. */
export default {
  ...base,
  globalSetup: '<rootDir>/test/e2e/globalSetup.ts',
  globalTeardown: '<rootDir>/test/e2e/globalTeardown.ts',
  testMatch: ['<rootDir>/test/e2e/**/*.e2e.ts'],
  // devServer.e2e.ts (next dev) runs on its own: npm run test:dev-server.
  testPathIgnorePatterns: ['/node_modules/', '/test/e2e/devServer.e2e.ts'],
  testTimeout: 180000,
}
