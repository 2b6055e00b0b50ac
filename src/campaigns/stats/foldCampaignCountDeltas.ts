import type { Payload } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import { rowsOf } from '../../utilities/db.js'
import { countsLock } from './backfillCampaignCounts.js'
import {
  campaignCountDeltasTable,
  campaignCountsTable,
  countKeys,
} from '../../sending/counters/campaignCountTables.js'

/**
 * Folds one batch of counter deltas into the per campaign and variant counts, in one statement:
 * the batch is taken with FOR UPDATE SKIP LOCKED (processes folding at once take different rows),
 * deleted and added to the counts, so a reader sees each delta in exactly one of the two tables.
 * Upserts run in (campaign, variant) order, so two folds cannot deadlock. Returns the rows folded
 * (0 while the counters are being filled).
 */
export const foldCampaignCountDeltas = async (
  payload: Payload,
  { batchSize }: { batchSize: number },
): Promise<number> =>
  payload.db.drizzle.transaction(async (tx) => {
    const [lock] = rowsOf<{ locked: boolean }>(await tx.execute(countsLock(true)))
    if (!lock?.locked) return 0
    const deltas = campaignCountDeltasTable(payload.db)
    const names = sql.join(
      countKeys.map((key) => sql.identifier(key)),
      sql`, `,
    )
    const [row] = rowsOf<{ folded: number }>(
      await tx.execute(sql`
        WITH batch AS (
          SELECT ctid AS tid FROM ${deltas} LIMIT ${batchSize} FOR UPDATE SKIP LOCKED
        ), gone AS (
          DELETE FROM ${deltas} d WHERE d.ctid = ANY(ARRAY(SELECT tid FROM batch))
          RETURNING d.campaign_id, d.variant, ${sql.join(
            countKeys.map((key) => sql`d.${sql.identifier(key)}`),
            sql`, `,
          )}, d.first_sent_at
        ), folded AS (
          INSERT INTO ${campaignCountsTable(payload.db)} AS c (campaign_id, variant, ${names}, first_sent_at)
          SELECT campaign_id, variant, ${sql.join(
            countKeys.map((key) => sql`sum(${sql.identifier(key)})`),
            sql`, `,
          )}, min(first_sent_at)
          FROM gone GROUP BY 1, 2 ORDER BY 1, 2
          ON CONFLICT (campaign_id, variant) DO UPDATE SET ${sql.join(
            countKeys.map(
              (key) =>
                sql`${sql.identifier(key)} = c.${sql.identifier(key)} + excluded.${sql.identifier(key)}`,
            ),
            sql`, `,
          )}, first_sent_at = LEAST(c.first_sent_at, excluded.first_sent_at)
        )
        SELECT count(*)::int AS folded FROM gone`),
    )
    return row?.folded ?? 0
  })
