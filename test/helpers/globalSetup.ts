import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { startEmbeddedPostgres } from '../../dev/database/embeddedPostgres'

const dirname = path.dirname(fileURLToPath(import.meta.url))

/**
 * One Postgres server for the run: DATABASE_URL's server when set, otherwise an embedded one in
 * test/.data. Each test file then creates its own fresh database on it (see bootTestPayload).
 */
export default async function globalSetup(): Promise<void> {
  process.env.TEST_RUN_ID = `${Date.now().toString(36)}${process.pid}`
  if (process.env.DATABASE_URL) {
    process.env.TEST_DATABASE_SERVER_URL = process.env.DATABASE_URL
    return
  }
  const server = await startEmbeddedPostgres({
    dataDir: path.join(dirname, '../.data/postgres'),
    port: 54339,
  })
  process.env.TEST_DATABASE_SERVER_URL = server.serverUrl
  ;(globalThis as { __embeddedPostgres?: typeof server }).__embeddedPostgres = server
}
