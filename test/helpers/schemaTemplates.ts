import type { PostgresAdapter } from '@payloadcms/db-postgres'
import type { SanitizedConfig } from 'payload'

import { createHash } from 'node:crypto'
import pg from 'pg'

import { withDatabase } from '../../dev/database/ensureDatabase'

/**
 * Pushing the schema with drizzle-kit costs seconds per test file. The first database booted with a
 * given schema is pushed once as a template; every later test database with the same schema is a
 * copy of it (`CREATE DATABASE … TEMPLATE …`) and skips the push. The key is a hash of the schema
 * drizzle-kit would push, so configs that differ in any table, column or index get their own
 * template. Templates are named after the run and dropped by the global teardown.
 */

const templatePrefix = (): string => `em_tpl_${process.env.TEST_RUN_ID}_`

const quote = (name: string): string => `"${name.replace(/"/g, '""')}"`

const onServer = async <T>(serverUrl: string, run: (client: pg.Client) => Promise<T>) => {
  const client = new pg.Client({ connectionString: withDatabase(serverUrl, 'postgres') })
  await client.connect()
  try {
    return await run(client)
  } finally {
    await client.end()
  }
}

const databaseExists = (client: pg.Client, database: string): Promise<boolean> =>
  client
    .query('SELECT 1 FROM pg_database WHERE datname = $1', [database])
    .then(({ rowCount }) => Boolean(rowCount))

/** What drizzle-kit would push for the adapter's schema, without the snapshot's random ids. */
const schemaKey = async (adapter: PostgresAdapter): Promise<string> => {
  const {
    id: _id,
    prevId: _prevId,
    ...snapshot
  } = await adapter.requireDrizzleKit().generateDrizzleJson(adapter.schema)
  return createHash('sha256')
    .update(
      JSON.stringify({ extensions: adapter.extensions, schemaName: adapter.schemaName, snapshot }),
    )
    .digest('hex')
    .slice(0, 20)
}

/**
 * `config` with a database adapter that, on connect, creates `database` on `serverUrl` as a copy
 * of the template for its schema (pushing the template first when this run has none yet). With
 * `push: false` the database is created empty, as the config asks.
 */
export const withSchemaTemplate = (
  config: SanitizedConfig,
  { database, serverUrl }: { database: string; serverUrl: string },
): SanitizedConfig => {
  const initAdapter = config.db.init
  return {
    ...config,
    db: {
      ...config.db,
      init: (args) => {
        const adapter = initAdapter(args) as unknown as PostgresAdapter
        const connectAdapter = adapter.connect
        if (!connectAdapter) throw new Error("The test config's database adapter cannot connect.")
        const connect = connectAdapter.bind(adapter)
        const poolOptions = adapter.poolOptions
        /** Pushes the schema into `template`, then lets go of it: Postgres copies only databases nobody is connected to. */
        const pushTemplate = async (template: string, options?: { hotReload: boolean }) => {
          adapter.poolOptions = {
            ...poolOptions,
            connectionString: withDatabase(serverUrl, template),
          }
          const forcePush = process.env.PAYLOAD_FORCE_DRIZZLE_PUSH
          process.env.PAYLOAD_FORCE_DRIZZLE_PUSH = 'true'
          try {
            await connect(options)
          } catch (error) {
            // A half-pushed template must not serve the next test files.
            await onServer(serverUrl, (client) =>
              client.query(`DROP DATABASE IF EXISTS ${quote(template)} WITH (FORCE)`),
            )
            throw error
          } finally {
            if (forcePush === undefined) delete process.env.PAYLOAD_FORCE_DRIZZLE_PUSH
            else process.env.PAYLOAD_FORCE_DRIZZLE_PUSH = forcePush
            adapter.poolOptions = poolOptions
          }
          // The adapter holds one pooled client for good, so the pool cannot end by itself: close
          // its sessions on the server instead.
          const pushed = adapter as { pool?: PostgresAdapter['pool'] }
          pushed.pool?.on('error', () => {})
          void pushed.pool?.end()
          pushed.pool = undefined
          await onServer(serverUrl, (client) =>
            client.query(
              'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
              [template],
            ),
          )
        }
        adapter.connect = async (options) => {
          if ((adapter as { pool?: unknown }).pool) return connect(options)
          if (adapter.push === false) {
            await onServer(serverUrl, (client) =>
              client.query(`CREATE DATABASE ${quote(database)}`),
            )
            return connect(options)
          }
          const template = `${templatePrefix()}${await schemaKey(adapter)}`
          // One session at a time per template (jest workers may boot the same schema at once).
          await onServer(serverUrl, async (lock) => {
            await lock.query('SELECT pg_advisory_lock(hashtext($1))', [template])
            if (!(await databaseExists(lock, template))) {
              await lock.query(`CREATE DATABASE ${quote(template)}`)
              await pushTemplate(template, options)
            }
            await lock.query(`CREATE DATABASE ${quote(database)} TEMPLATE ${quote(template)}`)
          })
          adapter.push = false
          return connect(options)
        }
        return adapter as unknown as ReturnType<typeof initAdapter>
      },
    },
  }
}

/** Drops this run's schema templates. */
export const dropSchemaTemplates = (serverUrl: string): Promise<void> =>
  onServer(serverUrl, async (client) => {
    const { rows } = await client.query<{ datname: string }>(
      'SELECT datname FROM pg_database WHERE starts_with(datname, $1)',
      [templatePrefix()],
    )
    for (const { datname } of rows) {
      await client.query(`DROP DATABASE IF EXISTS ${quote(datname)} WITH (FORCE)`)
    }
  })
