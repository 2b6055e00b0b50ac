import type { Config } from 'payload'

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
 * Adds the plugin's drizzle schema hooks (afterSchemaInit) to the Postgres adapter, keeping the
 * host's own hooks: dev pushes create what they declare, and generated migrations include it.
 */
export const withSchemaHooks = (
  config: Config,
  options: SanitizedEmailMarketingOptions,
  hooks: ((options: SanitizedEmailMarketingOptions) => SchemaHook)[],
): Config => {
  const db = config.db
  return {
    ...config,
    db: {
      ...db,
      init: (args) => {
        const adapter = db.init(args) as ReturnType<typeof db.init> & {
          afterSchemaInit?: SchemaHook[]
        }
        adapter.afterSchemaInit = [
          ...(adapter.afterSchemaInit ?? []),
          ...hooks.map((hook) => hook(options)),
        ]
        return adapter
      },
    },
  }
}
