import { sql } from '@payloadcms/db-postgres'
import { index } from '@payloadcms/db-postgres/drizzle/pg-core'

import type { SanitizedEmailMarketingOptions } from '../../types.js'

import { type IndexColumn, requireKeys, type SchemaHook } from '../../utilities/schemaHooks.js'
import { tableNameOf } from '../../utilities/tables.js'

/**
 * Unsubscribes by time (partial: unsubscribed rows only), for the campaign stats' unsubscribe
 * count, which starts from the contacts that unsubscribed since the campaign went out
 * (see campaignCounts.ts). Declared in the drizzle schema like the segment indexes.
 */
export const unsubscribedIndexHook =
  ({ slugs }: SanitizedEmailMarketingOptions): SchemaHook =>
  ({ adapter, extendTable, schema }) => {
    const name = tableNameOf(adapter, slugs.subscriptions)
    const subscriptions = schema.tables[name]
    const [status, unsubscribedAt, contact] = requireKeys(
      subscriptions,
      'status',
      'unsubscribedAt',
      'contact',
    )
    extendTable({
      extraConfig: (columns) => ({
        emUnsubscribedAt: index(`${name}_unsubscribed_at_idx`)
          .on(columns[unsubscribedAt] as IndexColumn, columns[contact] as IndexColumn)
          .where(sql`${columns[status] as IndexColumn} = 'unsubscribed'`),
      }),
      table: subscriptions,
    })
    return schema
  }
