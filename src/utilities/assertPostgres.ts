import type { Config } from 'payload'

export const postgresRequiredMessage = (found: string | undefined) =>
  `payload-plugin-email-marketing needs the Postgres database adapter (@payloadcms/db-postgres), but this config uses "${found ?? 'an unknown adapter'}". ` +
  'It claims work with Postgres row locks (FOR UPDATE SKIP LOCKED) and runs set-based SQL, which other adapters cannot do. ' +
  'Install @payloadcms/db-postgres and set `db: postgresAdapter({ pool: { connectionString: process.env.DATABASE_URL } })`.'

/** Stops config building when the database adapter is not Postgres. */
export const assertPostgresConfig = (config: Config): void => {
  if (config.db?.name !== 'postgres') {
    throw new Error(postgresRequiredMessage(config.db?.name))
  }
}
