import { sql } from '@payloadcms/db-postgres'
import { getPayload } from 'payload'

import type { SegmentConditions } from '../src/segments/conditionTypes'

import { createDevConfig } from '../dev/config'
import { countSegment } from '../src/segments/segmentQueries'
import { rowsOf } from '../src/utilities/db'
import { createBenchDatabase } from './support/benchDatabase'

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]

/**
 * `npm run bench -- segment --n 1000000`: seeds N contacts with attributes, tags and subscriptions
 * in set-based SQL, runs ANALYZE, then times `countSegment` with three conditions (attribute
 * equals, has a tag, subscribed to a list). `seconds` is the median of five counts; `firstSeconds`
 * the first one, with cold caches.
 */
export const run = async ({ n }: { n: number }) => {
  const database = await createBenchDatabase('segment')
  const payload = await getPayload({
    config: createDevConfig({
      databaseUrl: database.url,
      plugin: { scheduler: { enabled: false } },
    }),
    key: 'bench-segment',
  })
  payload.db.pool.on('error', () => {})
  try {
    const db = payload.db.drizzle
    const seedStarted = performance.now()
    const tags = rowsOf<{ id: number }>(
      await db.execute(sql`INSERT INTO tags (name, updated_at, created_at)
        SELECT 'tag-' || i, now(), now() FROM generate_series(1, 5) AS i RETURNING id`),
    ).map((row) => row.id)
    const lists = rowsOf<{ id: number }>(
      await db.execute(sql`INSERT INTO lists (name, slug, updated_at, created_at)
        SELECT 'List ' || i, 'list-' || i, now(), now() FROM generate_series(1, 3) AS i RETURNING id`),
    ).map((row) => row.id)
    await db.execute(sql`
      INSERT INTO contacts (email, first_name, status, attributes, created_at, updated_at)
      SELECT 'reader' || i || '@example.com', 'Reader ' || i,
        (CASE WHEN i % 50 = 0 THEN 'unsubscribed' ELSE 'active' END)::enum_em_contact_status,
        jsonb_build_object('plan', (ARRAY['free', 'pro', 'team', 'enterprise', 'trial'])[1 + i % 5], 'age', 18 + i % 60,
          'city', (ARRAY['Paris', 'Berlin', 'Lisbon', 'Oslo', 'Rome', 'Vienna', 'Madrid'])[1 + i % 7]),
        now() - (i || ' minutes')::interval, now()
      FROM generate_series(1, ${n}) AS i`)
    await db.execute(sql`
      INSERT INTO contacts_rels ("order", parent_id, path, tags_id)
      SELECT 1, c.id, 'tags', (${sql.raw(`ARRAY[${tags.join(',')}]`)})[1 + c.id % 5] FROM contacts c
      UNION ALL
      SELECT 2, c.id, 'tags', (${sql.raw(`ARRAY[${tags.join(',')}]`)})[1 + (c.id / 7) % 5] FROM contacts c WHERE c.id % 3 = 0`)
    await db.execute(sql`
      INSERT INTO subscriptions (contact_id, list_id, status, subscribed_at, updated_at, created_at)
      SELECT c.id, s.list_id,
        (CASE WHEN c.id % 23 = 0 THEN 'pending' WHEN c.id % 31 = 0 THEN 'unsubscribed' ELSE 'subscribed' END)::enum_em_subscription_status,
        now(), now(), now()
      FROM contacts c
      JOIN LATERAL (VALUES (${lists[0]}::int, c.id % 4 <> 0), (${lists[1]}::int, c.id % 2 = 0), (${lists[2]}::int, c.id % 9 = 0)) AS s(list_id, member)
        ON s.member`)
    // A settled database: statistics for the planner and a visibility map for index-only scans.
    await db.execute(sql`VACUUM ANALYZE`)
    const seedSeconds = (performance.now() - seedStarted) / 1000

    const rules: SegmentConditions = {
      groups: [
        {
          conditions: [
            { attribute: 'plan', operator: 'equals', type: 'attribute', value: 'pro' },
            { operator: 'hasTag', tag: tags[1], type: 'tag' },
            { list: lists[0], operator: 'subscribed', type: 'listStatus' },
          ],
          match: 'all',
        },
      ],
      match: 'all',
    }
    const timings: number[] = []
    let count = 0
    for (let i = 0; i < 5; i++) {
      const started = performance.now()
      count = await countSegment(payload, rules)
      timings.push((performance.now() - started) / 1000)
    }
    if (process.env.BENCH_EXPLAIN) {
      const { compileConditions } = await import('../src/segments/compileConditions')
      const plan = rowsOf<{ 'QUERY PLAN': string }>(
        await db.execute(
          sql`EXPLAIN (ANALYZE, BUFFERS) SELECT count(*) FROM contacts c WHERE ${compileConditions(payload, rules)}`,
        ),
      )
      console.error(plan.map((row) => row['QUERY PLAN']).join('\n'))
    }
    return {
      bench: 'segment',
      count,
      firstSeconds: Number(timings[0].toFixed(3)),
      n,
      seconds: Number(median(timings).toFixed(3)),
      seedSeconds: Number(seedSeconds.toFixed(1)),
    }
  } finally {
    await payload.destroy()
    if (process.env.BENCH_KEEP_DB) console.error(`kept ${database.url}`)
    else await database.cleanup()
  }
}
