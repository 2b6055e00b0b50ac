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

/** A new, empty database on the test server, named after the run and `name`. */
export const createTestDatabase = async (
  name: string,
): Promise<{ drop: () => Promise<void>; url: string }> => {
  const database = `em_test_${process.env.TEST_RUN_ID}_${name}`
    .toLowerCase()
    .replace(/[^a-z0-9_]/g, '_')
    .slice(0, 63)
  await dropDatabase(serverUrl(), database)
  await ensureDatabase(serverUrl(), database)
  return {
    drop: () => dropDatabase(serverUrl(), database),
    url: withDatabase(serverUrl(), database),
  }
}
