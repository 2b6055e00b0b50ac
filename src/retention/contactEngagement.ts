import type { Payload } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import type { SQL } from '../utilities/db.js'

import { pluginOptionsOf } from '../pluginContext.js'
import { arrayParam, tableOf } from '../utilities/db.js'
import { contactEngagementTableName } from './retentionTables.js'

type Drizzle = Payload['db']['drizzle']

/** The engagement facts table, as the adapter names it (with its schema). */
export const contactEngagementTable = (payload: Payload): SQL =>
  payload.db.tables[contactEngagementTableName] as unknown as SQL

/**
 * Recomputes the engagement facts of these contacts from their message rows: the latest first
 * open and first click of any of their emails and the open and click counts. Segments read the
 * facts instead of every message, and retention never removes the message rows they come from,
 * so compaction leaves them as they were.
 *
 * Each contact's facts row is locked before the recount, so two webhooks for two emails of one
 * contact serialise: the second recount starts after the first commits and sees both emails.
 * Run it in the transaction that changed the messages.
 */
export const refreshContactEngagement = async (
  payload: Payload,
  db: Drizzle,
  contactIds: readonly number[],
): Promise<void> => {
  if (contactIds.length === 0) return
  const ids = arrayParam([...new Set(contactIds)].sort((a, b) => a - b))
  const facts = contactEngagementTable(payload)
  const messages = tableOf(payload, pluginOptionsOf(payload).slugs.messages)
  await db.execute(sql`
    INSERT INTO ${facts} (contact_id) SELECT unnest(${ids}::int[]) ON CONFLICT (contact_id) DO NOTHING`)
  await db.execute(sql`
    SELECT contact_id FROM ${facts} WHERE contact_id = ANY(${ids}::int[]) ORDER BY contact_id FOR UPDATE`)
  await db.execute(sql`
    UPDATE ${facts} f SET last_opened_at = agg.last_opened_at, last_clicked_at = agg.last_clicked_at,
      open_count = agg.open_count, click_count = agg.click_count
    FROM (
      SELECT u.cid AS contact_id,
        (SELECT max(m.events_opened_at) FROM ${messages} m WHERE m.contact_id = u.cid) AS last_opened_at,
        (SELECT max(m.events_clicked_at) FROM ${messages} m WHERE m.contact_id = u.cid) AS last_clicked_at,
        (SELECT coalesce(sum(m.events_open_count), 0)::int FROM ${messages} m WHERE m.contact_id = u.cid) AS open_count,
        (SELECT coalesce(sum(m.events_click_count), 0)::int FROM ${messages} m WHERE m.contact_id = u.cid) AS click_count
      FROM unnest(${ids}::int[]) AS u(cid)
    ) agg
    WHERE f.contact_id = agg.contact_id`)
}

/**
 * Rebuilds the facts of every contact from the message log, set-based. For installs that had
 * message history before the facts table existed; the retention tick runs it once, when the table
 * is empty and some message was opened or clicked.
 */
export const backfillContactEngagement = async (payload: Payload, db: Drizzle): Promise<number> => {
  const facts = contactEngagementTable(payload)
  const messages = tableOf(payload, pluginOptionsOf(payload).slugs.messages)
  const result = await db.execute(sql`
    INSERT INTO ${facts} (contact_id, last_opened_at, last_clicked_at, open_count, click_count)
    SELECT contact_id, max(events_opened_at), max(events_clicked_at),
      coalesce(sum(events_open_count), 0)::int, coalesce(sum(events_click_count), 0)::int
    FROM ${messages}
    WHERE contact_id IS NOT NULL AND (events_opened_at IS NOT NULL OR events_clicked_at IS NOT NULL)
    GROUP BY contact_id
    ON CONFLICT (contact_id) DO NOTHING`)
  return (result as unknown as { rowCount?: number }).rowCount ?? 0
}
