import type { Payload } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import { pluginOptionsOf } from '../pluginContext.js'
import { campaignHourlyTableName, campaignLinksTableName } from '../retention/retentionTables.js'
import { rowsOf, type SQL, tableOf } from '../utilities/db.js'
import { variantLabel } from './campaignContent.js'
import { campaignCounts } from './stats/campaignCounts.js'

type Counts = {
  bounced: number
  clicked: number
  complained: number
  delivered: number
  opened: number
  pending: number
  recipients: number
  sent: number
  unsubscribed: number
}

export type CampaignStats = Counts & {
  rates: {
    bounce: number
    click: number
    complaint: number
    delivery: number
    open: number
    unsubscribe: number
  }
  variants: (Counts & { label: string; rates: CampaignStats['rates']; variant: number })[]
}

export type CampaignReport = CampaignStats & {
  phase: string
  status: string
  timeline: { at: string; clicks: number; opens: number }[]
  topLinks: { clicks: number; url: string }[]
  winner: null | number
}

const rate = (part: number, whole: number) =>
  whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : 0

const ratesOf = (counts: Counts) => ({
  bounce: rate(counts.bounced, counts.sent),
  click: rate(counts.clicked, counts.sent),
  complaint: rate(counts.complained, counts.sent),
  delivery: rate(counts.delivered, counts.sent),
  open: rate(counts.opened, counts.sent),
  unsubscribe: rate(counts.unsubscribed, counts.sent),
})

const zero: Counts = {
  bounced: 0,
  clicked: 0,
  complained: 0,
  delivered: 0,
  opened: 0,
  pending: 0,
  recipients: 0,
  sent: 0,
  unsubscribed: 0,
}

/**
 * Recipients, sent, delivered, opened, clicked, bounced, complained, unsubscribed and rates, overall
 * and per variant, from the campaign's counters (stats/campaignCounts.ts): a few rows whatever its size.
 */
export const campaignStats = async (payload: Payload, id: number): Promise<CampaignStats> => {
  const rows = await campaignCounts(payload, id)
  const totals = rows.reduce<Counts>(
    (sum, row) => {
      const next = { ...sum }
      for (const key of Object.keys(zero) as (keyof Counts)[]) next[key] += row[key]
      return next
    },
    { ...zero },
  )
  return {
    ...totals,
    rates: ratesOf(totals),
    variants: rows.map((row) => ({
      ...row,
      label: variantLabel(row.variant),
      rates: ratesOf(row),
    })),
  }
}

/**
 * Hourly opens and clicks and the most clicked links: the webhook's per-event rows plus the
 * aggregates the retention policy folded older rows into (see retention/pruneMessageEvents.ts),
 * so the report reads the same before and after compaction.
 */
const engagementOf = async (payload: Payload, id: number) => {
  const { slugs } = pluginOptionsOf(payload)
  const events = tableOf(payload, slugs.messageEvents)
  const messages = tableOf(payload, slugs.messages)
  const hourly = payload.db.tables[campaignHourlyTableName] as unknown as SQL
  const links = payload.db.tables[campaignLinksTableName] as unknown as SQL
  const timeline = rowsOf<{ at: string; clicks: number; opens: number }>(
    await payload.db.drizzle.execute(sql`
      SELECT to_char(hour AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:00:00"Z"') AS at, sum(opens)::int AS opens, sum(clicks)::int AS clicks
      FROM (
        SELECT date_trunc('hour', e.occurred_at, 'UTC') AS hour,
          count(*) FILTER (WHERE e.type = 'opened') AS opens, count(*) FILTER (WHERE e.type = 'clicked') AS clicks
        FROM ${events} e JOIN ${messages} m ON m.id = e.message_id
        WHERE m.campaign_id = ${id} AND e.type IN ('opened', 'clicked') GROUP BY 1
        UNION ALL
        SELECT hour, opens, clicks FROM ${hourly} WHERE campaign_id = ${id}
      ) hours GROUP BY hour ORDER BY hour`),
  )
  const topLinks = rowsOf<{ clicks: number; url: string }>(
    await payload.db.drizzle.execute(sql`
      SELECT url, sum(clicks)::int AS clicks FROM (
        SELECT e.url, count(*) AS clicks FROM ${events} e JOIN ${messages} m ON m.id = e.message_id
        WHERE m.campaign_id = ${id} AND e.type = 'clicked' AND e.url IS NOT NULL GROUP BY 1
        UNION ALL
        SELECT url, clicks FROM ${links} WHERE campaign_id = ${id}
      ) urls GROUP BY url ORDER BY 2 DESC, 1 LIMIT 10`),
  )
  return { timeline, topLinks }
}

/** Everything the admin's progress bar and stats panel show. */
export const campaignReport = async (payload: Payload, id: number): Promise<CampaignReport> => {
  const campaigns = tableOf(payload, pluginOptionsOf(payload).slugs.campaigns)
  const [state] = rowsOf<{ phase: string; status: string; winner: null | number }>(
    await payload.db.drizzle.execute(sql`
      SELECT status::text, coalesce(fan_out_phase::text, 'idle') AS phase, ab_test_winner::int AS winner FROM ${campaigns} WHERE id = ${id}`),
  )
  if (!state) throw new Error(`Campaign ${id} does not exist.`)
  return { ...(await campaignStats(payload, id)), ...(await engagementOf(payload, id)), ...state }
}
