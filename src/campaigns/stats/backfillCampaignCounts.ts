import type { Payload } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import type { SQL } from '../../utilities/db.js'

import { retentionCursorTableName } from '../../retention/retentionTables.js'
import { rowsOf } from '../../utilities/db.js'
import {
  campaignCountDeltasTable,
  campaignCountsTable,
  campaignCountsTableName,
  countKeys,
} from '../../sending/counters/campaignCountTables.js'
import { countColumns } from '../../sending/counters/countDeltas.js'
import { campaignEmails } from '../../sending/recipients/campaignEmails.js'

type Drizzle = Payload['db']['drizzle']

/** The retention cursor row that marks the campaign counters as filled from the message log. */
export const campaignCountsTask = 'campaignCountsBackfill'

/**
 * The advisory lock between filling the counters (exclusive) and folding deltas (shared): a fold
 * moving deltas while the fill overwrites the counts could count a change twice or never.
 */
export const countsLock = (shared: boolean): SQL =>
  shared
    ? sql`SELECT pg_try_advisory_xact_lock_shared(hashtext(${campaignCountsTableName})) AS locked`
    : sql`SELECT pg_try_advisory_xact_lock(hashtext(${campaignCountsTableName})) AS locked`

/** Whether the counters hold every campaign's history: the cursor row is there (a primary key lookup). */
export const campaignCountsReady = async (payload: Payload): Promise<boolean> => {
  const cursors = payload.db.tables[retentionCursorTableName] as unknown as SQL
  return (
    rowsOf(
      await payload.db.drizzle.execute(
        sql`SELECT 1 FROM ${cursors} WHERE task = ${campaignCountsTask}`,
      ),
    ).length > 0
  )
}

/**
 * Fills the counters from the message log (and the campaign emails not written yet) once per database (an install upgraded with history; a
 * new one fills nothing), in one transaction under the exclusive lock: the counts are replaced by
 * a recount and the deltas visible to that recount's snapshot are deleted in the same statement,
 * so every change is counted once, by the recount or by a delta committed after it. Returns
 * whether the counters are filled (false: another process holds the lock; read a recount meanwhile).
 */
export const backfillCampaignCounts = async (payload: Payload): Promise<boolean> => {
  const cursors = payload.db.tables[retentionCursorTableName] as unknown as SQL
  return payload.db.drizzle.transaction(async (tx) => {
    const db = tx as unknown as Drizzle
    const [lock] = rowsOf<{ locked: boolean }>(await db.execute(countsLock(false)))
    if (!lock?.locked) return false
    const done = rowsOf(
      await db.execute(sql`SELECT 1 FROM ${cursors} WHERE task = ${campaignCountsTask}`),
    )
    if (done.length > 0) return true
    const counts = campaignCountsTable(payload.db)
    await db.execute(sql`DELETE FROM ${counts}`)
    await db.execute(sql`
      WITH gone AS (DELETE FROM ${campaignCountDeltasTable(payload.db)})
      INSERT INTO ${counts} (campaign_id, variant, ${sql.join(
        countKeys.map((key) => sql.identifier(key)),
        sql`, `,
      )}, first_sent_at)
      SELECT m.campaign_id, coalesce(m.variant, 0), ${countColumns()}, min(m.sent_at)
      FROM ${campaignEmails(payload)} GROUP BY 1, 2`)
    await db.execute(
      sql`INSERT INTO ${cursors} (task, last_id) VALUES (${campaignCountsTask}, 0) ON CONFLICT (task) DO NOTHING`,
    )
    return true
  })
}
