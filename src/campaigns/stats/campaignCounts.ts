import type { Payload } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import { pluginOptionsOf } from '../../pluginContext.js'
import { rowsOf, tableOf } from '../../utilities/db.js'
import { backfillCampaignCounts, campaignCountsReady } from './backfillCampaignCounts.js'
import {
  campaignCountDeltasTable,
  campaignCountsTable,
  countKeys,
} from '../../sending/counters/campaignCountTables.js'
import { recountCampaignStats, type VariantCounts } from './recountCampaignStats.js'

/**
 * The unsubscribe count of each variant: recipients whose latest unsubscribe (over the
 * subscriptions still unsubscribed) is at or after the message was sent. Read from the other
 * side: only contacts that unsubscribed at or after the campaign's first send can count, found
 * through the partial index on unsubscribe times, each probing its one message of the campaign
 * by dedupe key. The cost follows the unsubscribes since the campaign went out, not its size.
 */
const unsubscribedByVariant = async (payload: Payload, id: number, since: null | string) => {
  if (since === null) return new Map<number, number>()
  const { slugs } = pluginOptionsOf(payload)
  const messages = tableOf(payload, slugs.messages)
  const subscriptions = tableOf(payload, slugs.subscriptions)
  const rows = rowsOf<{ unsubscribed: number; variant: number }>(
    await payload.db.drizzle.execute(sql`
      SELECT coalesce(m.variant, 0)::int AS variant, count(*)::int AS unsubscribed
      FROM (
        SELECT contact_id, max(unsubscribed_at) AS last_at FROM ${subscriptions}
        WHERE status = 'unsubscribed' AND unsubscribed_at >= ${since}::timestamptz GROUP BY contact_id
      ) u
      JOIN ${messages} m ON m.dedupe_key = 'campaign:' || ${String(id)} || ':' || u.contact_id
      WHERE m.campaign_id = ${id} AND m.contact_id = u.contact_id AND m.sent_at IS NOT NULL AND u.last_at >= m.sent_at
      GROUP BY 1`),
  )
  return new Map(rows.map((row) => [row.variant, row.unsubscribed]))
}

/**
 * A campaign's counts per variant, from the folded counters plus the deltas not folded yet (a
 * few rows per campaign and variant, whatever the campaign's size), and the unsubscribes read as
 * above. Same rows and numbers as `recountCampaignStats`; before the counters are filled (an
 * install upgraded with history) it fills them, or recounts while another process does.
 */
export const campaignCounts = async (payload: Payload, id: number): Promise<VariantCounts[]> => {
  if (!(await campaignCountsReady(payload)) && !(await backfillCampaignCounts(payload)))
    return recountCampaignStats(payload, id)
  const campaigns = tableOf(payload, pluginOptionsOf(payload).slugs.campaigns)
  const columns = sql.join(
    countKeys.map((key) => sql`${sql.identifier(key)}`),
    sql`, `,
  )
  const sums = sql.join(
    countKeys.map((key) => sql`sum(${sql.identifier(key)})::int AS ${sql.identifier(key)}`),
    sql`, `,
  )
  const rows = rowsOf<Omit<VariantCounts, 'unsubscribed'> & { since: null | string }>(
    await payload.db.drizzle.execute(sql`
      SELECT variant, ${sums}, (min(min(first_sent_at)) OVER ())::text AS since
      FROM (
        SELECT variant, ${columns}, first_sent_at FROM ${campaignCountsTable(payload.db)} WHERE campaign_id = ${id}
        UNION ALL
        SELECT variant, ${columns}, first_sent_at FROM ${campaignCountDeltasTable(payload.db)} WHERE campaign_id = ${id}
      ) counts
      -- A deleted campaign's messages lose their campaign (the foreign key sets it null).
      WHERE EXISTS (SELECT 1 FROM ${campaigns} WHERE id = ${id})
      GROUP BY variant HAVING sum(recipients) > 0 ORDER BY variant`),
  )
  const unsubscribed = await unsubscribedByVariant(payload, id, rows[0]?.since ?? null)
  return rows.map(({ since: _since, ...row }) => ({
    ...row,
    unsubscribed: unsubscribed.get(row.variant) ?? 0,
  }))
}
