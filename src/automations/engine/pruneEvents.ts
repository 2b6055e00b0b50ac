import type { Payload } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import { pluginOptionsOf } from '../../pluginContext.js'
import { tableOf } from '../../utilities/db.js'

const lastPrune = new WeakMap<Payload, number>()

/** How often one process prunes. */
const pruneEveryMs = 60_000

/**
 * Deletes trigger events processed more than `automations.eventRetentionDays` ago, at most
 * `eventBatchSize` rows per statement and per call, at most once a minute per process (`force`
 * skips that wait); returns how many rows went.
 */
export const pruneEvents = async (
  payload: Payload,
  { force = false }: { force?: boolean } = {},
): Promise<number> => {
  const last = lastPrune.get(payload) ?? 0
  if (!force && Date.now() - last < pruneEveryMs) return 0
  lastPrune.set(payload, Date.now())
  const { automations, slugs } = pluginOptionsOf(payload)
  const events = tableOf(payload, slugs.automationEvents)
  const result = await payload.db.drizzle.execute(sql`
    DELETE FROM ${events} WHERE id IN (
      SELECT id FROM ${events}
      WHERE processed_at IS NOT NULL
        AND processed_at < now() - make_interval(days => ${automations.eventRetentionDays})
      ORDER BY processed_at
      LIMIT ${automations.eventBatchSize}
      FOR UPDATE SKIP LOCKED)`)
  return (result as unknown as { rowCount?: number }).rowCount ?? 0
}
