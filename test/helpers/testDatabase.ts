import { dropDatabase, ensureDatabase, withDatabase } from '../../dev/database/ensureDatabase'

const serverUrl = (): string => {
  const url = process.env.TEST_DATABASE_SERVER_URL
  if (!url) {
    throw new Error(
      'TEST_DATABASE_SERVER_URL is not set: run the tests through jest (npm run test:int), whose global setup provides Postgres.',
    )
  }
  return url
}

export type TestDatabase = {
  database: string
  drop: () => Promise<void>
  serverUrl: string
  url: string
}

/**
 * What names this run's databases and roles on the shared server: the run id, plus the slug set,
 * since both slug sets run the same files side by side (jest.config.js).
 */
export const testRunPrefix = (): string =>
  `${process.env.TEST_RUN_ID}${process.env.TEST_SLUGS === 'renamed' ? '_renamed' : ''}`

/** The name and URL of a test database named after the run and `name`, dropped if left over, not created. */
export const reserveTestDatabase = async (name: string): Promise<TestDatabase> => {
  const database = `em_test_${testRunPrefix()}_${name}`
    .toLowerCase()
    .replace(/[^a-z0-9_]/g, '_')
    .slice(0, 63)
  await dropDatabase(serverUrl(), database)
  return {
    database,
    drop: () => dropDatabase(serverUrl(), database),
    serverUrl: serverUrl(),
    url: withDatabase(serverUrl(), database),
  }
}

/** A new, empty database on the test server, named after the run and `name`. */
export const createTestDatabase = async (name: string): Promise<TestDatabase> => {
  const reserved = await reserveTestDatabase(name)
  await ensureDatabase(reserved.serverUrl, reserved.database)
  return reserved
}
