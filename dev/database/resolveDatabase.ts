import path from 'node:path'

import { startEmbeddedPostgres } from './embeddedPostgres'
import { ensureDatabase, withDatabase } from './ensureDatabase'

export type ResolvedDatabase = {
  embedded: boolean
  stop: () => Promise<void>
  url: string
}

/**
 * The database to use: `DATABASE_URL` when set (its database is created if missing), otherwise
 * an embedded Postgres kept in `dataDir`, so a fresh machine needs nothing installed.
 */
export const resolveDatabase = async ({
  dataDir,
  database,
  port,
}: {
  dataDir: string
  database: string
  port: number
}): Promise<ResolvedDatabase> => {
  const fromEnv = process.env.DATABASE_URL
  if (fromEnv) {
    const name = new URL(fromEnv).pathname.slice(1) || database
    await ensureDatabase(fromEnv, name)
    return { embedded: false, stop: async () => {}, url: withDatabase(fromEnv, name) }
  }
  const server = await startEmbeddedPostgres({ dataDir: path.resolve(dataDir), port })
  await ensureDatabase(server.serverUrl, database)
  return { embedded: true, stop: server.stop, url: withDatabase(server.serverUrl, database) }
}
