import type { Payload } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import { pluginOptionsOf } from '../pluginContext.js'
import { rowsOf, tableOf } from '../utilities/db.js'

type VariantRates = { clicked: number; opened: number; sent: number; variant: number }

/** The variant with the best open (or click) rate among those sent; ties go to the earlier variant. */
export const bestVariant = (rates: VariantRates[], metric: 'click' | 'open'): number => {
  let best = { rate: -1, variant: 0 }
  for (const row of [...rates].sort((a, b) => a.variant - b.variant)) {
    const rate = (metric === 'click' ? row.clicked : row.opened) / Math.max(row.sent, 1)
    if (rate > best.rate) best = { rate, variant: row.variant }
  }
  return best.variant
}

/**
 * Chooses the winners of every A/B test whose wait is over and starts sending the remainder. The
 * guarded update (phase still 'waiting') makes it happen once even when several processes tick.
 */
export const pickDueWinners = async (payload: Payload, now: Date): Promise<number[]> => {
  const { slugs } = pluginOptionsOf(payload)
  const campaigns = tableOf(payload, slugs.campaigns)
  const messages = tableOf(payload, slugs.messages)
  const due = rowsOf<{ id: number; metric: 'click' | 'open' }>(
    await payload.db.drizzle.execute(sql`
      SELECT id, coalesce(ab_test_winner_metric::text, 'open') AS metric FROM ${campaigns}
      WHERE status = 'sending' AND fan_out_phase = 'waiting'
        AND ab_test_test_sent_at + make_interval(mins => coalesce(ab_test_wait_minutes, 0)::int) <= ${now.toISOString()}::timestamptz`),
  )
  const picked: number[] = []
  for (const campaign of due) {
    const rates = rowsOf<VariantRates>(
      await payload.db.drizzle.execute(sql`
        SELECT variant::int AS variant,
          count(*) FILTER (WHERE status NOT IN ('queued', 'held', 'sending', 'cancelled', 'failed', 'suppressed'))::int AS sent,
          count(events_opened_at)::int AS opened, count(events_clicked_at)::int AS clicked
        FROM ${messages} WHERE campaign_id = ${campaign.id} GROUP BY variant`),
    )
    const winner = bestVariant(rates, campaign.metric)
    const updated = rowsOf(
      await payload.db.drizzle.execute(sql`
        UPDATE ${campaigns} SET ab_test_winner = ${winner}, fan_out_phase = 'remainder', fan_out_last_contact_id = 0
        WHERE id = ${campaign.id} AND fan_out_phase = 'waiting' RETURNING id`),
    )
    if (updated.length > 0) picked.push(campaign.id)
  }
  return picked
}
