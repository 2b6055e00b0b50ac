import type { Payload } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import { contactStatuses, type ContactStatus } from '../contacts/contactStatuses.js'
import { pluginOptionsOf } from '../pluginContext.js'
import { rowsOf, tableOf } from '../utilities/db.js'

/** Gmail's bulk-sender rule: complaints above 0.3 % get mail rejected; 0.1 % is its recommended ceiling. */
export const complaintRateLimit = 0.003
export const complaintRateWarning = 0.001

export type GrowthDay = {
  day: string
  newContacts: number
  subscribed: number
  unsubscribed: number
}

export type RecentCampaign = {
  clicked: number
  clickRate: number
  id: number
  name: string
  opened: number
  openRate: number
  sent: number
  startedAt: null | string
  status: string
}

export type RunningAutomation = { activeEnrollments: number; id: number; name: string }

export type Deliverability = {
  bounced: number
  bounceRate: number
  complained: number
  complaintRate: number
  level: 'alert' | 'ok' | 'warning'
  sent: number
}

export type DashboardData = {
  contactsByStatus: Record<ContactStatus, number>
  deliverability: Deliverability
  growth: GrowthDay[]
  recentCampaigns: RecentCampaign[]
  runningAutomations: RunningAutomation[]
  totalContacts: number
}

const days = 30
const recentCampaignCount = 5

const rate = (part: number, whole: number) => (whole > 0 ? part / whole : 0)

/** Statuses of a message Postmark accepted (or capture mode kept): the denominator of every rate. */
const sentStatuses = sql`('sent', 'captured', 'delivered', 'bounced', 'complained')`

const contactsByStatus = async (payload: Payload, contacts: ReturnType<typeof tableOf>) => {
  const rows = rowsOf<{ count: number; status: ContactStatus }>(
    await payload.db.drizzle.execute(
      sql`SELECT status::text AS status, count(*)::int AS count FROM ${contacts} GROUP BY 1`,
    ),
  )
  const byStatus = Object.fromEntries(contactStatuses.map((status) => [status, 0])) as Record<
    ContactStatus,
    number
  >
  for (const row of rows) byStatus[row.status] = row.count
  return byStatus
}

/** One row per UTC day of the last 30 (today included): contacts created, subscriptions and unsubscriptions. */
const growth = async (payload: Payload) => {
  const { slugs } = pluginOptionsOf(payload)
  const contacts = tableOf(payload, slugs.contacts)
  const subscriptions = tableOf(payload, slugs.subscriptions)
  return rowsOf<GrowthDay>(
    await payload.db.drizzle.execute(sql`
      WITH d AS (
        SELECT generate_series((now() AT TIME ZONE 'UTC')::date - ${days - 1}::int, (now() AT TIME ZONE 'UTC')::date, '1 day')::date AS day
      ), since AS (SELECT (min(day)::timestamp AT TIME ZONE 'UTC') AS at FROM d)
      SELECT to_char(d.day, 'YYYY-MM-DD') AS day,
        coalesce(c.n, 0)::int AS "newContacts", coalesce(s.n, 0)::int AS subscribed, coalesce(u.n, 0)::int AS unsubscribed
      FROM d
      LEFT JOIN (SELECT (created_at AT TIME ZONE 'UTC')::date AS day, count(*) AS n FROM ${contacts}
        WHERE created_at >= (SELECT at FROM since) GROUP BY 1) c ON c.day = d.day
      LEFT JOIN (SELECT (subscribed_at AT TIME ZONE 'UTC')::date AS day, count(*) AS n FROM ${subscriptions}
        WHERE subscribed_at >= (SELECT at FROM since) GROUP BY 1) s ON s.day = d.day
      LEFT JOIN (SELECT (unsubscribed_at AT TIME ZONE 'UTC')::date AS day, count(*) AS n FROM ${subscriptions}
        WHERE unsubscribed_at >= (SELECT at FROM since) GROUP BY 1) u ON u.day = d.day
      ORDER BY d.day`),
  )
}

/** The latest campaigns that started sending, with open and click rates from the message log. */
const recentCampaigns = async (payload: Payload): Promise<RecentCampaign[]> => {
  const { slugs } = pluginOptionsOf(payload)
  const campaigns = tableOf(payload, slugs.campaigns)
  const messages = tableOf(payload, slugs.messages)
  const rows = rowsOf<Omit<RecentCampaign, 'clickRate' | 'openRate'>>(
    await payload.db.drizzle.execute(sql`
      WITH recent AS (
        SELECT id, name, status::text AS status, fan_out_started_at FROM ${campaigns}
        WHERE status IN ('sending', 'paused', 'sent') OR fan_out_started_at IS NOT NULL
        ORDER BY fan_out_started_at DESC NULLS LAST, id DESC LIMIT ${recentCampaignCount}
      )
      SELECT r.id, r.name, r.status, to_char(r.fan_out_started_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "startedAt",
        count(m.id) FILTER (WHERE m.status IN ${sentStatuses})::int AS sent,
        count(m.events_opened_at) FILTER (WHERE m.status IN ${sentStatuses})::int AS opened,
        count(m.events_clicked_at) FILTER (WHERE m.status IN ${sentStatuses})::int AS clicked
      FROM recent r LEFT JOIN ${messages} m ON m.campaign_id = r.id
      GROUP BY r.id, r.name, r.status, r.fan_out_started_at
      ORDER BY r.fan_out_started_at DESC NULLS LAST, r.id DESC`),
  )
  return rows.map((row) => ({
    ...row,
    clickRate: rate(row.clicked, row.sent),
    openRate: rate(row.opened, row.sent),
  }))
}

/** Active automations and how many contacts are in them now (running or waiting). */
const runningAutomations = async (payload: Payload) => {
  const { slugs } = pluginOptionsOf(payload)
  return rowsOf<RunningAutomation>(
    await payload.db.drizzle.execute(sql`
      SELECT a.id, a.name, count(e.id)::int AS "activeEnrollments"
      FROM ${tableOf(payload, slugs.automations)} a
      LEFT JOIN ${tableOf(payload, slugs.enrollments)} e ON e.automation_id = a.id AND e.status IN ('active', 'waiting')
      WHERE a.status = 'active' GROUP BY a.id, a.name ORDER BY 3 DESC, a.name`),
  )
}

/** Bounces and complaints over every email sent in the last 30 days. */
const deliverability = async (payload: Payload): Promise<Deliverability> => {
  const messages = tableOf(payload, pluginOptionsOf(payload).slugs.messages)
  const [row] = rowsOf<{ bounced: number; complained: number; sent: number }>(
    await payload.db.drizzle.execute(sql`
      SELECT count(*)::int AS sent,
        count(*) FILTER (WHERE status = 'bounced' OR events_bounced_at IS NOT NULL)::int AS bounced,
        count(*) FILTER (WHERE status = 'complained')::int AS complained
      FROM ${messages} WHERE status IN ${sentStatuses} AND sent_at >= now() - make_interval(days => ${days})`),
  )
  const complaintRate = rate(row.complained, row.sent)
  return {
    ...row,
    bounceRate: rate(row.bounced, row.sent),
    complaintRate,
    level:
      complaintRate > complaintRateLimit
        ? 'alert'
        : complaintRate > complaintRateWarning
          ? 'warning'
          : 'ok',
  }
}

/** Everything the admin dashboard shows, read straight from Postgres in five grouped queries. */
export const dashboardData = async (payload: Payload): Promise<DashboardData> => {
  const contacts = tableOf(payload, pluginOptionsOf(payload).slugs.contacts)
  const [byStatus, growthDays, campaigns, automations, health] = await Promise.all([
    contactsByStatus(payload, contacts),
    growth(payload),
    recentCampaigns(payload),
    runningAutomations(payload),
    deliverability(payload),
  ])
  return {
    contactsByStatus: byStatus,
    deliverability: health,
    growth: growthDays,
    recentCampaigns: campaigns,
    runningAutomations: automations,
    totalContacts: Object.values(byStatus).reduce((sum, count) => sum + count, 0),
  }
}
