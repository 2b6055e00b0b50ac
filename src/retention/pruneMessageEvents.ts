import type { Payload } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import type { SQL } from '../utilities/db.js'

import { pluginOptionsOf } from '../pluginContext.js'
import { rowsOf, tableOf } from '../utilities/db.js'
import { columnOf } from '../utilities/tables.js'
import { campaignHourlyTableName, campaignLinksTableName } from './retentionTables.js'

/**
 * Removes one batch of webhook event rows older than `retention.eventDays`, in one statement: the
 * batch is claimed with FOR UPDATE SKIP LOCKED (so processes running this at once take different
 * rows), the campaign opens and clicks among them are added to the per-hour and per-link
 * aggregates, and the rows are deleted. Aggregates and deletion commit together, so an event is
 * counted in exactly one place. Returns how many rows went.
 *
 * Upserts run in (campaign, hour) and (campaign, url) order, so two processes lock aggregate rows
 * in the same order and cannot deadlock.
 */
export const pruneMessageEvents = async (payload: Payload): Promise<number> => {
  const { retention, slugs } = pluginOptionsOf(payload)
  if (retention.eventDays === 0) return 0
  const events = tableOf(payload, slugs.messageEvents)
  const messages = tableOf(payload, slugs.messages)
  const campaign = columnOf(payload, slugs.messages, 'campaign')
  const hourly = payload.db.tables[campaignHourlyTableName] as unknown as SQL
  const links = payload.db.tables[campaignLinksTableName] as unknown as SQL
  const [row] = rowsOf<{ removed: number }>(
    await payload.db.drizzle.execute(sql`
      WITH batch AS (
        SELECT id FROM ${events}
        WHERE occurred_at < now() - make_interval(days => ${retention.eventDays}::int)
        ORDER BY occurred_at LIMIT ${retention.batchSize}
        FOR UPDATE SKIP LOCKED
      ), gone AS (
        DELETE FROM ${events} e USING batch WHERE e.id = batch.id
        RETURNING e.message_id, e.type::text AS type, e.occurred_at, e.url
      ), engaged AS (
        SELECT m.${campaign} AS campaign_id, g.type, g.occurred_at, g.url
        FROM gone g JOIN ${messages} m ON m.id = g.message_id
        WHERE m.${campaign} IS NOT NULL AND g.type IN ('opened', 'clicked')
      ), hours AS (
        INSERT INTO ${hourly} AS h (campaign_id, hour, opens, clicks)
        SELECT campaign_id, date_trunc('hour', occurred_at, 'UTC'),
          count(*) FILTER (WHERE type = 'opened'), count(*) FILTER (WHERE type = 'clicked')
        FROM engaged GROUP BY 1, 2 ORDER BY 1, 2
        ON CONFLICT (campaign_id, hour) DO UPDATE SET opens = h.opens + excluded.opens, clicks = h.clicks + excluded.clicks
      ), urls AS (
        INSERT INTO ${links} AS l (campaign_id, url, clicks)
        SELECT campaign_id, url, count(*) FROM engaged
        WHERE type = 'clicked' AND url IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2
        ON CONFLICT (campaign_id, url) DO UPDATE SET clicks = l.clicks + excluded.clicks
      )
      SELECT count(*)::int AS removed FROM gone`),
  )
  return row?.removed ?? 0
}
