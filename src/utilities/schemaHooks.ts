import type { Config } from 'payload'

import type { PostgresAdapterArgs } from '@payloadcms/db-postgres'

import { getTableColumns } from '@payloadcms/db-postgres/drizzle'
import type { index } from '@payloadcms/db-postgres/drizzle/pg-core'

import type { SanitizedEmailMarketingOptions } from '../types.js'

export type Table = Parameters<typeof getTableColumns>[0]
export type SchemaHook = (args: {
  extendTable: (args: {
    extraConfig?: (table: Record<string, unknown>) => Record<string, unknown>
    table: Table
  }) => void
  schema: { tables: Record<string, Table> }
}) => unknown
/** A Postgres adapter schema hook; beforeSchemaInit ones add raw tables through `adapter.rawTables`. */
export type BeforeSchemaHook = NonNullable<PostgresAdapterArgs['beforeSchemaInit']>[number]
export type IndexColumn = Parameters<ReturnType<typeof index>['on']>[0]

/** A table's name as the Postgres adapter derives it from a slug. */
export const snake = (value: string) =>
  value
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^a-zA-Z0-9]+/g, '_')
    .toLowerCase()

/** The key of a column in the table's `extraConfig` argument (an `ExtraConfigColumn`, which has `.op()`). */
export const keyOf = (table: Table, name: string): string => {
  const entry = Object.entries(getTableColumns(table)).find(
    ([, candidate]) => candidate.name === name,
  )
  if (!entry)
    throw new Error(
      `payload-plugin-email-marketing: column "${name}" not found for the plugin's indexes.`,
    )
  return entry[0]
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
