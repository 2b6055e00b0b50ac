import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { startEmbeddedPostgres } from '../../dev/database/embeddedPostgres'
import { dropDatabase, ensureDatabase, withDatabase } from '../../dev/database/ensureDatabase'

const dirname = path.dirname(fileURLToPath(import.meta.url))

/** A fresh database for one bench run: on DATABASE_URL's server, or an embedded Postgres in bench/.data. */
export const createBenchDatabase = async (name: string) => {
  const server = process.env.DATABASE_URL
    ? { serverUrl: process.env.DATABASE_URL, stop: async () => {} }
    : await startEmbeddedPostgres({ dataDir: path.join(dirname, '../.data/postgres'), port: 54349 })
  const database = `em_bench_${name}_${Date.now().toString(36)}`
  await ensureDatabase(server.serverUrl, database)
  return {
    cleanup: async () => {
      await dropDatabase(server.serverUrl, database).catch(() => {})
      await server.stop()
    },
    url: withDatabase(server.serverUrl, database),
  }
}
