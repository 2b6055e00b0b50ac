import type { Config } from 'payload'

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
