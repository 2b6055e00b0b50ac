import type { Payload } from 'payload'

import { sql } from '@payloadcms/db-postgres'
import { getPayload } from 'payload'

import type { SegmentConditions } from '../src/segments/conditionTypes'

import { createDevConfig } from '../dev/config'
import { campaignStats } from '../src/campaigns/campaignStats'
import { backfillCampaignCounts } from '../src/campaigns/stats/backfillCampaignCounts'
import { backfillContactEngagement } from '../src/retention/contactEngagement'
import { pruneMessageBodies } from '../src/retention/pruneMessageBodies'
import { pruneMessageEvents } from '../src/retention/pruneMessageEvents'
import { retentionCursorTableName } from '../src/retention/retentionTables'
import { backfillTask } from '../src/retention/retentionTick'
import { countSegment } from '../src/segments/segmentQueries'
import { claimMessages } from '../src/sending/claimMessages'
import {
  campaignCountDeltasTable,
  campaignCountsTable,
} from '../src/sending/counters/campaignCountTables'
import { contactTimeline } from '../src/timeline/contactTimeline'
import { rowsOf } from '../src/utilities/db'
import { createBenchDatabase } from './support/benchDatabase'

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]
const ms = (value: number) => Number(value.toFixed(1))

const timed = async <T>(work: () => Promise<T>): Promise<[number, T]> => {
  const started = performance.now()
  const result = await work()
  return [performance.now() - started, result]
}

/** Median milliseconds of `runs` calls of `work(run)`. */
const medianOf = async (runs: number, work: (run: number) => Promise<unknown>) => {
  const timings: number[] = []
  for (let run = 0; run < runs; run++) timings.push((await timed(() => work(run)))[0])
  return { firstMs: ms(timings[0]), medianMs: ms(median(timings)) }
}

/**
 * Builds a table's secondary indexes after its bulk load instead of during it (a sorted build is
 * many times faster than 30 million inserts into seven indexes): drops them, runs `load`, recreates
 * them from their saved definitions.
 */
const withIndexesBuiltAfter = async (
  payload: Payload,
  table: string,
  load: () => Promise<void>,
) => {
  const db = payload.db.drizzle
  const indexes = rowsOf<{ indexdef: string; indexname: string }>(
    await db.execute(sql`
      SELECT i.indexname, i.indexdef FROM pg_indexes i
      WHERE i.schemaname = 'public' AND i.tablename = ${table}
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`),
  )
  for (const index of indexes) await db.execute(sql.raw(`DROP INDEX "${index.indexname}"`))
  await load()
  for (const index of indexes) await db.execute(sql.raw(index.indexdef))
}

/**
 * Seeds, set-based: `n` contacts, `campaigns` campaigns, 10·n messages (the other campaigns
 * spread from 400 to 21 days ago, then one campaign to every contact 20 days ago whose newest
 * `queued` messages are still queued) and 30·n webhook events (a delivery per message, three opens on 40 % of them,
 * eight clicks on 10 %), then the engagement facts.
 */
const seed = async (payload: Payload, { campaigns, n, queued }: Record<string, number>) => {
  const db = payload.db.drizzle
  const started = performance.now()
  const step = (what: string) =>
    console.error(`seed: ${what} after ${((performance.now() - started) / 1000).toFixed(1)} s`)
  await db.execute(sql`SET synchronous_commit = off`)
  await db.execute(sql`SET maintenance_work_mem = '512MB'`)
  await db.execute(sql`
    INSERT INTO contacts (email, first_name, status, attributes, created_at, updated_at)
    SELECT 'reader' || i || '@example.com', 'Reader ' || i, 'active', '{}'::jsonb, now() - interval '500 days', now()
    FROM generate_series(1, ${n}) AS i`)
  const ids = rowsOf<{ id: number }>(
    await db.execute(sql`
      INSERT INTO campaigns (name, subject, status, created_at, updated_at)
      SELECT 'Newsletter ' || i, 'News ' || i, 'sent', now() - interval '400 days', now()
      FROM generate_series(1, ${campaigns}) AS i RETURNING id`),
  ).map((row) => row.id)
  const [firstContact] = rowsOf<{ id: number }>(
    await db.execute(sql`SELECT min(id) AS id FROM contacts`),
  )
  const big = ids[0]
  const others = 9 * n
  step('contacts and campaigns')
  const perCampaign = Math.ceil(others / (campaigns - 1))
  await withIndexesBuiltAfter(payload, 'messages', async () => {
    // Ids grow with time, as in production: i ≤ 9n are the other campaigns in blocks, sent from 400
    // to 21 days ago; i > 9n the big campaign, 20 days ago, whose newest `queued` rows still wait.
    await db.execute(sql`
      INSERT INTO messages (kind, status, stream, contact_id, campaign_id, to_address, from_address, subject, html, text,
        dedupe_key, priority, attempts, postmark_message_id, sent_at, events_delivered_at, events_opened_at, events_open_count,
        events_clicked_at, events_click_count, created_at, updated_at)
      SELECT 'campaign', 'delivered', 'broadcast', ${firstContact.id}::int - 1 + contact, campaign, 'reader' || contact || '@example.com',
        'news@example.com', 'News', '<p>Hello reader ' || i || '</p>' || repeat('<p>Lorem ipsum dolor sit amet.</p>', 5),
        'Hello reader ' || i || repeat(' Lorem ipsum dolor sit amet.', 3), 'campaign:' || campaign || ':' || contact, 1, 1,
        md5(i::text), at, at + interval '5 seconds',
        CASE WHEN i % 5 < 2 THEN at + make_interval(mins => (i % 600)::int) END, CASE WHEN i % 5 < 2 THEN 3 ELSE 0 END,
        CASE WHEN i % 10 = 0 THEN at + make_interval(mins => (i % 900)::int) END, CASE WHEN i % 10 = 0 THEN 8 ELSE 0 END,
        at, at
      FROM (
        SELECT i, CASE WHEN i > ${others} THEN ${big}::int ELSE (${sql.raw(`ARRAY[${ids.join(',')}]`)})[2 + (i - 1) / ${perCampaign}] END AS campaign,
          CASE WHEN i > ${others} THEN i - ${others} ELSE 1 + (i - 1) % ${n} END AS contact,
          CASE WHEN i > ${others} THEN now() - interval '20 days'
            ELSE now() - interval '400 days' + make_interval(secs => (i - 1)::float8 / ${others} * 379 * 86400) END AS at
        FROM generate_series(1, ${10 * n}) AS i
      ) m`)
    await db.execute(sql`
      UPDATE messages SET status = 'queued', sent_at = NULL, events_delivered_at = NULL, events_opened_at = NULL, events_open_count = 0,
        events_clicked_at = NULL, events_click_count = 0, postmark_message_id = NULL, attempts = 0, next_attempt_at = now() - interval '1 minute'
      WHERE id > (SELECT max(id) FROM messages) - ${queued}`)
  })
  step('messages')
  await withIndexesBuiltAfter(payload, 'message_events', async () => {
    await db.execute(sql`
      INSERT INTO message_events (type, message_id, contact_id, recipient, url, occurred_at, dedupe_key, created_at, updated_at)
      SELECT 'delivered'::enum_em_message_event_type, id, contact_id, to_address, NULL, events_delivered_at, 'delivery:' || id, now(), now()
      FROM messages WHERE events_delivered_at IS NOT NULL
      UNION ALL
      SELECT 'opened', id, contact_id, to_address, NULL, events_opened_at + make_interval(hours => k * k), 'open:' || id || ':' || k, now(), now()
      FROM messages CROSS JOIN generate_series(0, 2) AS k WHERE events_opened_at IS NOT NULL
      UNION ALL
      SELECT 'clicked', id, contact_id, to_address, 'https://example.com/article-' || (k % 4), events_clicked_at + make_interval(mins => k * 7),
        'click:' || id || ':' || k, now(), now()
      FROM messages CROSS JOIN generate_series(0, 7) AS k WHERE events_clicked_at IS NOT NULL`)
  })
  step('events')
  await backfillContactEngagement(payload, db)
  step('engagement facts')
  // Every contact is on one list; 3 % unsubscribed long before the big campaign and 2 % after it,
  // so its stats' unsubscribe count has contacts to find and contacts to skip.
  const [list] = rowsOf<{ id: number }>(
    await db.execute(
      sql`INSERT INTO lists (name, created_at, updated_at) VALUES ('Everyone', now(), now()) RETURNING id`,
    ),
  )
  await db.execute(sql`
    INSERT INTO subscriptions (contact_id, list_id, status, subscribed_at, unsubscribed_at, created_at, updated_at)
    SELECT id, ${list.id}, CASE WHEN i % 100 < 5 THEN 'unsubscribed' ELSE 'subscribed' END::enum_em_subscription_status,
      now() - interval '500 days',
      CASE WHEN i % 100 < 3 THEN now() - interval '300 days' WHEN i % 100 < 5 THEN now() - interval '10 days' END,
      now(), now()
    FROM (SELECT id, row_number() OVER (ORDER BY id) AS i FROM contacts) c`)
  step('subscriptions')
  await backfillCampaignCounts(payload)
  // A sending campaign's webhooks leave deltas until the next fold (one batch a second): the big
  // campaign's stats also add 10,000 unfolded ones, taken out of its folded row so the sums stay right.
  await db.execute(sql`
    WITH moved AS (
      UPDATE ${campaignCountsTable(payload.db)} SET delivered = delivered - 10000
      WHERE campaign_id = ${big} AND variant = 0 AND delivered >= 10000 RETURNING campaign_id
    )
    INSERT INTO ${campaignCountDeltasTable(payload.db)} (campaign_id, variant, delivered)
    SELECT campaign_id, 0, 1 FROM moved CROSS JOIN generate_series(1, 10000)`)
  step('campaign counters')
  await db.execute(
    sql`INSERT INTO ${payload.db.tables[retentionCursorTableName]} (task, last_id) VALUES (${backfillTask}, 0)`,
  )
  await db.execute(sql`VACUUM ANALYZE`)
  step('vacuum analyze')
}

const count = async (payload: Payload, query: ReturnType<typeof sql>) =>
  rowsOf<{ count: number }>(await payload.db.drizzle.execute(query))[0].count

/** Retention batches until `rows` rows are done, while a claim loop measures what a sender sees meanwhile. */
const retentionPass = async (payload: Payload, rows: number, prune: () => Promise<number>) => {
  let stop = false
  const claims: number[] = []
  const sender = (async () => {
    while (!stop) {
      claims.push((await timed(() => claimMessages(payload, { limit: 500, now: new Date() })))[0])
      await new Promise((resolve) => setTimeout(resolve, 200))
    }
  })()
  const [elapsed, done] = await timed(async () => {
    let total = 0
    while (total < rows) {
      const batch = await prune()
      if (batch === 0) break
      total += batch
    }
    return total
  })
  stop = true
  await sender
  return {
    claimsDuring: claims.length,
    claimMaxMsDuring: ms(Math.max(...claims)),
    claimMedianMsDuring: ms(median(claims)),
    rows: done,
    seconds: Number((elapsed / 1000).toFixed(1)),
  }
}

/**
 * `npm run bench -- history [--n 1000000]`: n contacts, 10·n messages, 30·n events, 200·n/10⁶
 * campaigns (at least 10), 100,000·n/10⁶ queued. Times (median of five): claiming 500 queued
 * messages, the stats of the campaign sent to every contact, a contact's first timeline page, the
 * count of "opened any email in the last 30 days"; then one retention pass over n event rows and
 * one over n message bodies, each with a sender claiming batches next to it.
 */
export const run = async ({ n }: { n: number }) => {
  const scale = n / 1_000_000
  // At least 10, so no campaign has more messages than there are contacts.
  const campaigns = Math.max(10, Math.round(200 * scale))
  const queued = Math.max(1000, Math.round(100_000 * scale))
  const database = await createBenchDatabase('history')
  const payload = await getPayload({
    config: createDevConfig({
      databaseUrl: database.url,
      plugin: {
        retention: { batchSize: 10_000, bodyDays: 180, eventDays: 365 },
        scheduler: { enabled: false },
      },
    }),
    key: 'bench-history',
  })
  payload.db.pool.on('error', () => {})
  try {
    const [seedMs] = await timed(() => seed(payload, { campaigns, n, queued }))
    const db = payload.db.drizzle
    const [{ big }] = rowsOf<{ big: number }>(
      await db.execute(sql`SELECT min(id) AS big FROM campaigns`),
    )
    const sizes = {
      contacts: await count(payload, sql`SELECT count(*)::int AS count FROM contacts`),
      events: await count(payload, sql`SELECT count(*)::int AS count FROM message_events`),
      messages: await count(payload, sql`SELECT count(*)::int AS count FROM messages`),
      queued: await count(
        payload,
        sql`SELECT count(*)::int AS count FROM messages WHERE status = 'queued'`,
      ),
    }
    const claim = await medianOf(5, () => claimMessages(payload, { limit: 500, now: new Date() }))
    let recipients = 0
    const stats = await medianOf(5, async () => {
      recipients = (await campaignStats(payload, big)).recipients
    })
    const contactIds = rowsOf<{ id: number }>(
      await db.execute(sql`SELECT id FROM contacts ORDER BY md5(id::text) LIMIT 5`),
    ).map((row) => row.id)
    const timeline = await medianOf(5, (run) => contactTimeline(payload, contactIds[run]))
    const opened: SegmentConditions = {
      groups: [
        {
          conditions: [{ days: 30, operator: 'openedAnyWithinDays', type: 'engagement' }],
          match: 'all',
        },
      ],
      match: 'all',
    }
    let openedCount = 0
    const segment = await medianOf(5, async () => {
      openedCount = await countSegment(payload, opened)
    })
    const events = await retentionPass(payload, n, () => pruneMessageEvents(payload))
    const bodies = await retentionPass(payload, n, () => pruneMessageBodies(payload))
    return {
      bench: 'history',
      bodies,
      campaignRecipients: recipients,
      claim,
      events,
      n,
      openedLast30Days: openedCount,
      seedSeconds: Number((seedMs / 1000).toFixed(1)),
      segment,
      sizes,
      stats,
      timeline,
    }
  } finally {
    await payload.destroy()
    if (process.env.BENCH_KEEP_DB) console.error(`kept ${database.url}`)
    else await database.cleanup()
  }
}
