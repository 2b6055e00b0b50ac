import type { Payload } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import { pluginOptionsOf } from '../../pluginContext.js'
import { rowsOf } from '../../utilities/db.js'
import { tableOf } from '../../utilities/tables.js'
import {
  eventConditions,
  type RecipientEvent,
  recipientEvents,
  sentStatuses,
} from './recipientEvents.js'

export type MetricCounts = {
  /** Recorded events (every open, every click), at least one per unique recipient. */
  total: number
  /** total / sent. */
  totalRate: number
  /** Recipients with the event at least once. */
  unique: number
  /** unique / sent. */
  uniqueRate: number
}

export type ReportCounts = {
  metrics: Record<RecipientEvent, MetricCounts>
  recipients: number
  sent: number
}

/** The webhook event types each metric's total counts; an unsubscribe is one per recipient. */
const eventTypes: Record<RecipientEvent, null | string[]> = {
  // A soft bounce marks the message bounced too (handleBounce.ts).
  bounced: ['bounced', 'softBounced'],
  clicked: ['clicked'],
  complained: ['complained'],
  delivered: ['delivered'],
  opened: ['opened'],
  unsubscribed: null,
}

const rate = (part: number, whole: number) =>
  whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : 0

/**
 * Unique and total counts of every metric for one campaign in one statement: the events are
 * grouped per message once, then joined to the campaign's message rows.
 */
export const reportCounts = async (payload: Payload, campaignId: number): Promise<ReportCounts> => {
  const { slugs } = pluginOptionsOf(payload)
  const messages = tableOf(payload, slugs.messages)
  const events = tableOf(payload, slugs.messageEvents)
  const conditions = eventConditions(payload)
  const perMessage = sql.join(
    recipientEvents
      .filter((event) => eventTypes[event] !== null)
      .map(
        (event) =>
          sql`count(*) FILTER (WHERE e.type::text IN (${sql.join(
            (eventTypes[event] ?? []).map((type) => sql`${type}`),
            sql`, `,
          )}))::int AS ${sql.identifier(event)}`,
      ),
    sql`, `,
  )
  const columns = sql.join(
    recipientEvents.map((event) => {
      const flag = conditions[event]
      const counted =
        eventTypes[event] === null ? sql`0` : sql`coalesce(ev.${sql.identifier(event)}, 0)`
      // The open and click counters on the row also count opens recorded before the events table.
      const counter =
        event === 'opened'
          ? sql`, coalesce(m.events_open_count, 0)`
          : event === 'clicked'
            ? sql`, coalesce(m.events_click_count, 0)`
            : sql``
      return sql`count(*) FILTER (WHERE ${flag})::int AS ${sql.identifier(`${event}Unique`)},
        coalesce(sum(GREATEST(${counted}${counter}, CASE WHEN ${flag} THEN 1 ELSE 0 END)), 0)::int AS ${sql.identifier(`${event}Total`)}`
    }),
    sql`, `,
  )
  const [row] = rowsOf<Record<string, number>>(
    await payload.db.drizzle.execute(sql`
      WITH ev AS (
        SELECT e.message_id, ${perMessage}
        FROM ${events} e JOIN ${messages} m ON m.id = e.message_id
        WHERE m.campaign_id = ${campaignId} GROUP BY e.message_id)
      SELECT count(*)::int AS recipients, count(*) FILTER (WHERE m.status IN ${sentStatuses})::int AS sent, ${columns}
      FROM ${messages} m LEFT JOIN ev ON ev.message_id = m.id
      WHERE m.campaign_id = ${campaignId}`),
  )
  const sent = row.sent
  const metrics = Object.fromEntries(
    recipientEvents.map((event) => {
      const unique = row[`${event}Unique`]
      const total = row[`${event}Total`]
      return [
        event,
        { total, totalRate: rate(total, sent), unique, uniqueRate: rate(unique, sent) },
      ]
    }),
  ) as Record<RecipientEvent, MetricCounts>
  return { metrics, recipients: row.recipients, sent }
}
