import type { Payload } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import type { MessageTimelineEvent, TimelineItem } from './timelineTypes.js'

import { pluginOptionsOf } from '../pluginContext.js'
import { arrayParam, rowsOf, tableOf } from '../utilities/db.js'

type MessageRow = {
  bouncedAt: null | string
  clickedAt: null | string
  createdAt: string
  deliveredAt: null | string
  id: number
  kind: string
  lastError: null | string
  openedAt: null | string
  pruned: boolean
  sentAt: null | string
  status: string
  subject: null | string
  to: string
  updatedAt: string
}

type EventRow = { at: string; messageId: number; type: string; url: null | string }

const iso = (value: Date | null | string) => (value ? new Date(value).toISOString() : null)

/** Without per-event rows, the message's own timestamps say what happened (first open and click only). */
const eventsFromRow = (row: MessageRow): MessageTimelineEvent[] =>
  (
    [
      ['delivered', row.deliveredAt],
      ['opened', row.openedAt],
      ['clicked', row.clickedAt],
      ['bounced', row.bouncedAt],
    ] as const
  ).flatMap(([type, at]) => (at ? [{ at: iso(at)!, type }] : []))

/** Events of these messages from the webhooks' message-events collection, when it is installed. */
const loggedEvents = async (
  payload: Payload,
  messageIds: number[],
): Promise<Map<number, MessageTimelineEvent[]> | null> => {
  const slug = pluginOptionsOf(payload).slugs.messageEvents
  if (messageIds.length === 0) return null
  const rows = rowsOf<EventRow>(
    await payload.db.drizzle.execute(sql`
      SELECT message_id AS "messageId", type::text AS type, occurred_at AS at, url
      FROM ${tableOf(payload, slug)} WHERE message_id = ANY(${arrayParam(messageIds)}::int[])
      ORDER BY occurred_at`),
  )
  const byMessage = new Map<number, MessageTimelineEvent[]>()
  for (const row of rows) {
    const list = byMessage.get(row.messageId) ?? []
    list.push({ at: iso(row.at)!, type: row.type, url: row.url })
    byMessage.set(row.messageId, list)
  }
  return byMessage
}

/** The contact's newest `limit` messages, each with its delivery events in time order. */
export const messageItems = async (
  payload: Payload,
  contactId: number,
  limit: number,
): Promise<TimelineItem[]> => {
  const { retention, slugs } = pluginOptionsOf(payload)
  const messages = tableOf(payload, slugs.messages)
  const eventsKept =
    retention.eventDays > 0
      ? sql`created_at < now() - make_interval(days => ${retention.eventDays}::int)`
      : sql`false`
  const rows = rowsOf<MessageRow>(
    await payload.db.drizzle.execute(sql`
      SELECT id, kind::text AS kind, status::text AS status, subject, to_address AS "to", last_error AS "lastError",
        created_at AS "createdAt", updated_at AS "updatedAt", sent_at AS "sentAt", events_delivered_at AS "deliveredAt",
        events_opened_at AS "openedAt", events_clicked_at AS "clickedAt", events_bounced_at AS "bouncedAt",
        (body_pruned_at IS NOT NULL OR ${eventsKept}) AS pruned
      FROM ${messages} WHERE contact_id = ${contactId}
      ORDER BY created_at DESC, id DESC LIMIT ${limit}`),
  )
  const logged = await loggedEvents(
    payload,
    rows.map((row) => row.id),
  )
  return rows.map((row) => {
    const outcome: MessageTimelineEvent[] =
      row.status === 'suppressed' || row.status === 'failed' || row.status === 'cancelled'
        ? [{ at: iso(row.updatedAt)!, type: row.status }]
        : []
    const sent: MessageTimelineEvent[] = row.sentAt
      ? [{ at: iso(row.sentAt)!, type: row.status === 'captured' ? 'captured' : 'sent' }]
      : []
    // Per-event rows carry every open and click; the row's own timestamps fill in what they lack.
    const perEvent = logged?.get(row.id) ?? []
    const delivery = [
      ...perEvent,
      ...eventsFromRow(row).filter(
        (event) => !perEvent.some((logged) => logged.type === event.type),
      ),
    ]
    return {
      at: iso(row.createdAt)!,
      events: [{ at: iso(row.createdAt)!, type: 'queued' }, ...outcome, ...sent, ...delivery].sort(
        (a, b) => a.at.localeCompare(b.at),
      ),
      kind: row.kind,
      lastError: row.lastError,
      messageId: row.id,
      pruned: row.pruned,
      status: row.status,
      subject: row.subject,
      to: row.to,
      type: 'message' as const,
    }
  })
}
