import type { Payload } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import type { SQL } from '../utilities/db.js'

import { backfillCampaignCounts } from '../campaigns/stats/backfillCampaignCounts.js'
import { foldCampaignCountDeltas } from '../campaigns/stats/foldCampaignCountDeltas.js'
import { pluginOptionsOf } from '../pluginContext.js'
import { backfillContactEngagement } from './contactEngagement.js'
import { pruneMessageBodies } from './pruneMessageBodies.js'
import { pruneMessageEvents } from './pruneMessageEvents.js'
import { retentionCursorTableName } from './retentionTables.js'

export type RetentionResult = { bodiesScanned: number; countsFolded: number; eventsRemoved: number }

/** The cursor row that marks the engagement facts as filled from the message log. */
export const backfillTask = 'engagementBackfill'

/**
 * Fills the engagement facts from the message log once per database (installs upgraded with
 * history). The task's cursor row marks it done; the advisory lock keeps a second process out.
 */
const backfillOnce = async (payload: Payload): Promise<void> => {
  const cursors = payload.db.tables[retentionCursorTableName] as unknown as SQL
  await payload.db.drizzle.transaction(async (tx) => {
    const db = tx as unknown as Payload['db']['drizzle']
    const [lock] = (
      (await db.execute(
        sql`SELECT pg_try_advisory_xact_lock(hashtext(${retentionCursorTableName}), hashtext(${backfillTask})) AS locked`,
      )) as unknown as { rows: { locked: boolean }[] }
    ).rows
    if (!lock?.locked) return
    const done = (
      (await db.execute(sql`SELECT 1 FROM ${cursors} WHERE task = ${backfillTask}`)) as unknown as {
        rows: unknown[]
      }
    ).rows
    if (done.length > 0) return
    await backfillContactEngagement(payload, db)
    await db.execute(sql`INSERT INTO ${cursors} (task, last_id) VALUES (${backfillTask}, 0)`)
  })
}

/**
 * One bounded round of the retention policy: fills the campaign counters once, then at most
 * `maxBatchesPerTick` batches of campaign counter deltas folded, of event rows and of message bodies, each batch its own short transaction, stopping early when a batch comes back
 * short (nothing older is left). Safe in any number of processes at once.
 */
export const retentionTick = async (
  payload: Payload,
  { maxBatches }: { maxBatches?: number } = {},
): Promise<RetentionResult> => {
  const { retention } = pluginOptionsOf(payload)
  const limit = maxBatches ?? retention.maxBatchesPerTick
  await backfillOnce(payload)
  await backfillCampaignCounts(payload)
  const result: RetentionResult = { bodiesScanned: 0, countsFolded: 0, eventsRemoved: 0 }
  for (let batch = 0; batch < limit; batch += 1) {
    const folded = await foldCampaignCountDeltas(payload, { batchSize: retention.batchSize })
    result.countsFolded += folded
    if (folded < retention.batchSize) break
  }
  for (let batch = 0; batch < limit; batch += 1) {
    const removed = await pruneMessageEvents(payload)
    result.eventsRemoved += removed
    if (removed < retention.batchSize) break
  }
  for (let batch = 0; batch < limit; batch += 1) {
    const scanned = await pruneMessageBodies(payload)
    result.bodiesScanned += scanned
    if (scanned < retention.batchSize) break
  }
  return result
}
