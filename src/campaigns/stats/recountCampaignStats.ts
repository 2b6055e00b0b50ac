import type { Payload } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import { pluginOptionsOf } from '../../pluginContext.js'
import { rowsOf, tableOf } from '../../utilities/db.js'
import { type CountKey } from '../../sending/counters/campaignCountTables.js'
import { countColumns } from '../../sending/counters/countDeltas.js'

export type VariantCounts = Record<CountKey | 'unsubscribed', number> & { variant: number }

/**
 * A campaign's counts per variant recounted from its message rows, one row per recipient: the
 * definition the counters keep. Costs a scan of every message of the campaign (seconds at a
 * million); the stats read the counters and use this only before the counters are filled.
 */
export const recountCampaignStats = async (
  payload: Payload,
  id: number,
): Promise<VariantCounts[]> => {
  const { slugs } = pluginOptionsOf(payload)
  const messages = tableOf(payload, slugs.messages)
  const subscriptions = tableOf(payload, slugs.subscriptions)
  return rowsOf<VariantCounts>(
    await payload.db.drizzle.execute(sql`
      SELECT coalesce(m.variant, 0)::int AS variant, ${countColumns()},
        count(*) FILTER (WHERE m.sent_at IS NOT NULL AND u.last_at >= m.sent_at)::int AS unsubscribed
      FROM ${messages} m
      -- A contact's latest unsubscribe, hashed once: a probe per recipient costs more than the count.
      LEFT JOIN (
        SELECT contact_id, max(unsubscribed_at) AS last_at FROM ${subscriptions}
        WHERE status = 'unsubscribed' GROUP BY contact_id
      ) u ON u.contact_id = m.contact_id
      WHERE m.campaign_id = ${id} GROUP BY 1 ORDER BY 1`),
  )
}
