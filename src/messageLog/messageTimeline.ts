import type { Payload } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import { pluginOptionsOf } from '../pluginContext.js'
import { rowsOf } from '../utilities/db.js'
import { tableOf } from '../utilities/tables.js'

export type TimelineItem = { at: string; detail: null | string; type: string }

const iso = (column: ReturnType<typeof sql>) =>
  sql`to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`

/**
 * What happened to one message, oldest first: queued and sent from the row itself, then every
 * webhook event (delivery, opens, clicks with their link, bounces, complaints) from the events table.
 */
export const messageTimeline = async (
  payload: Payload,
  messageId: number,
): Promise<TimelineItem[]> => {
  const { slugs } = pluginOptionsOf(payload)
  const messages = tableOf(payload, slugs.messages)
  return rowsOf<TimelineItem>(
    await payload.db.drizzle.execute(sql`
      SELECT at, type, detail FROM (
        SELECT ${iso(sql`m.created_at`)} AS at, 'queued' AS type, NULL::text AS detail, m.created_at AS sort FROM ${messages} m WHERE m.id = ${messageId}
        UNION ALL
        SELECT ${iso(sql`m.sent_at`)}, CASE WHEN m.status = 'captured' THEN 'captured' ELSE 'sent' END, NULL, m.sent_at
          FROM ${messages} m WHERE m.id = ${messageId} AND m.sent_at IS NOT NULL
        UNION ALL
        SELECT ${iso(sql`m.updated_at`)}, m.status::text, m.last_error, m.updated_at FROM ${messages} m
          WHERE m.id = ${messageId} AND m.status IN ('failed', 'suppressed', 'cancelled')
        UNION ALL
        SELECT ${iso(sql`e.occurred_at`)}, e.type::text, e.url, e.occurred_at
        FROM ${tableOf(payload, slugs.messageEvents)} e WHERE e.message_id = ${messageId}
      ) items ORDER BY sort, type`),
  )
}
