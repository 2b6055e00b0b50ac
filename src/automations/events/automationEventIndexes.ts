import { sql } from '@payloadcms/db-postgres'
import { index } from '@payloadcms/db-postgres/drizzle/pg-core'

import type { SanitizedEmailMarketingOptions } from '../../types.js'

import { type IndexColumn, requireKeys, type SchemaHook } from '../../utilities/schemaHooks.js'
import { tableNameOf } from '../../utilities/tables.js'

/**
 * The events table's two partial indexes: unprocessed rows by id (the engine's claim, which an
 * idle tick answers from an empty index) and processed rows by time (the prune). A row moves from
 * the first to the second when it is consumed, so neither grows with the other's rows.
 */
export const automationEventIndexesHook =
  (options: SanitizedEmailMarketingOptions): SchemaHook =>
  ({ adapter, extendTable, schema }) => {
    const name = tableNameOf(adapter, options.slugs.automationEvents)
    const events = schema.tables[name]
    const [id, processedAt] = requireKeys(events, 'id', 'processedAt')
    extendTable({
      extraConfig: (columns) => {
        const column = (key: string) => columns[key] as IndexColumn
        return {
          emPending: index(`${name}_pending_idx`)
            .on(column(id))
            .where(sql`${column(processedAt)} IS NULL`),
          emProcessed: index(`${name}_processed_idx`)
            .on(column(processedAt))
            .where(sql`${column(processedAt)} IS NOT NULL`),
        }
      },
      table: events,
    })
    return schema
  }
