import type { CollectionBeforeDeleteHook } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import type { SanitizedEmailMarketingOptions } from '../../types.js'

import { drizzleFor } from '../../utilities/db.js'
import { columnOf, tableOf } from '../../utilities/tables.js'

/**
 * Deletes every subscription of the list or contact being deleted, in one statement inside the
 * request's transaction, so a list of a million members is removed without loading them.
 */
export const deleteSubscriptionsOf =
  (side: 'contact' | 'list', options: SanitizedEmailMarketingOptions): CollectionBeforeDeleteHook =>
  async ({ id, req }) => {
    const db = await drizzleFor(req)
    const subscriptions = tableOf(req.payload, options.slugs.subscriptions)
    const column = columnOf(req.payload, options.slugs.subscriptions, side)
    await db.execute(sql`DELETE FROM ${subscriptions} WHERE ${column} = ${id}`)
  }
