import type { Config } from 'payload'

import type { PostgresAdapterArgs } from '@payloadcms/db-postgres'

import { getTableColumns } from '@payloadcms/db-postgres/drizzle'
import type { index } from '@payloadcms/db-postgres/drizzle/pg-core'

import type { SanitizedEmailMarketingOptions } from '../types.js'
import type { TableSource } from './tables.js'

export type Table = Parameters<typeof getTableColumns>[0]
export type SchemaHook = (args: {
  adapter: TableSource
  extendTable: (args: {
    extraConfig?: (table: Record<string, unknown>) => Record<string, unknown>
    table: Table
  }) => void
  schema: { tables: Record<string, Table> }
}) => unknown
/** A Postgres adapter schema hook; beforeSchemaInit ones add raw tables through `adapter.rawTables`. */
export type BeforeSchemaHook = NonNullable<PostgresAdapterArgs['beforeSchemaInit']>[number]
export type IndexColumn = Parameters<ReturnType<typeof index>['on']>[0]

/**
 * Checks that a drizzle table has the column keys a schema hook addresses (the table's
 * `extraConfig` argument is keyed like the table: field names, `parent`, `<slug>ID`, `_parentID`).
 */
export const requireKeys = <Keys extends string[]>(table: Table, ...keys: Keys): Keys => {
  const columns = getTableColumns(table)
  const missing = keys.filter((key) => !(key in columns))
  if (missing.length > 0)
    throw new Error(
      `payload-plugin-email-marketing: column ${missing.join(', ')} not found for the plugin's indexes.`,
    )
  return keys
}

/**
 * Adds the plugin's schema hooks to the Postgres adapter, after the host's own: beforeSchemaInit
 * ones declare the plugin's own tables, afterSchemaInit ones add indexes to collection tables.
 * Dev pushes create what they declare and `payload migrate:create` writes it into migrations, so
 * nothing is created at boot.
 */
export const withSchemaHooks = (
  config: Config,
  options: SanitizedEmailMarketingOptions,
  hooks: {
    afterSchemaInit: ((options: SanitizedEmailMarketingOptions) => SchemaHook)[]
    beforeSchemaInit: BeforeSchemaHook[]
  },
): Config => {
  const db = config.db
  return {
    ...config,
    db: {
      ...db,
      init: (args) => {
        const adapter = db.init(args) as ReturnType<typeof db.init> & {
          afterSchemaInit?: SchemaHook[]
          beforeSchemaInit?: BeforeSchemaHook[]
        }
        adapter.beforeSchemaInit = [...(adapter.beforeSchemaInit ?? []), ...hooks.beforeSchemaInit]
        adapter.afterSchemaInit = [
          ...(adapter.afterSchemaInit ?? []),
          ...hooks.afterSchemaInit.map((hook) => hook(options)),
        ]
        return adapter
      },
    },
  }
}
