import pg from 'pg'

import { testRunPrefix } from './testDatabase'

export type RuntimeRole = {
  drop: () => Promise<void>
  /** `databaseUrl` logged in as the role. */
  url: string
}

/**
 * A login role that may read and write rows in `databaseUrl` and nothing else, the way production
 * apps run after `payload migrate`: it owns no table and may create nothing, so any DDL it tries
 * (CREATE TABLE/INDEX/SCHEMA, ALTER TABLE, even with IF NOT EXISTS) fails with a permission error.
 * Roles belong to the server, so the name carries the run id; `drop` runs after the database is gone.
 */
export const createRuntimeRole = async (
  databaseUrl: string,
  name: string,
): Promise<RuntimeRole> => {
  const role = `em_${testRunPrefix()}_${name}`.toLowerCase().replace(/[^a-z0-9_]/g, '_')
  const password = 'runtime-role-password'
  const admin = new pg.Client({ connectionString: databaseUrl })
  await admin.connect()
  try {
    await admin.query(`DROP ROLE IF EXISTS "${role}"`)
    await admin.query(`CREATE ROLE "${role}" LOGIN PASSWORD '${password}'`)
    await admin.query(`GRANT USAGE ON SCHEMA public TO "${role}"`)
    await admin.query(
      `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO "${role}"`,
    )
    await admin.query(`GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO "${role}"`)
  } finally {
    await admin.end()
  }
  const url = new URL(databaseUrl)
  url.username = role
  url.password = password
  return {
    drop: async () => {
      const server = new URL(databaseUrl)
      server.pathname = '/postgres'
      const client = new pg.Client({ connectionString: server.toString() })
      await client.connect()
      try {
        await client.query(`DROP ROLE IF EXISTS "${role}"`)
      } finally {
        await client.end()
      }
    },
    url: url.toString(),
  }
}
