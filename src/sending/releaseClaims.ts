import type { Payload } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import { pluginOptionsOf } from '../pluginContext.js'
import { arrayParam, tableOf } from '../utilities/db.js'

/**
 * Hands rows this process claimed but never sent back to `queued` (a clean shutdown), undoing the
 * claim's attempt count, so another process sends them now instead of after their lease.
 */
export const releaseClaims = async (
  payload: Payload,
  ids: Array<number | string>,
): Promise<void> => {
  if (ids.length === 0) return
  const messages = tableOf(payload, pluginOptionsOf(payload).slugs.messages)
  await payload.db.drizzle.execute(sql`
    UPDATE ${messages}
    SET status = 'queued', attempts = greatest(attempts - 1, 0), claimed_at = NULL, lease_until = NULL, updated_at = now()
    WHERE id = ANY(${arrayParam(ids.map(Number))}::int[]) AND status = 'sending'`)
}
