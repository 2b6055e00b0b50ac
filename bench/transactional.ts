import { sql } from '@payloadcms/db-postgres'
import { getPayload } from 'payload'

import { createDevConfig } from '../dev/config'
import { sendTransactional } from '../src/index'
import { drainOutbox } from '../src/sending/drainOutbox'
import { rowsOf } from '../src/utilities/db'
import { startFakePostmarkProcess } from '../test/postmark/fakePostmarkProcess'
import { createBenchDatabase } from './support/benchDatabase'

const samples = 20

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b)
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))])
}

/**
 * `npm run bench -- transactional --n 50000`: N campaign messages are draining to a Postmark-compatible
 * server answering after 100 ms while 20 transactional emails are sent through `sendTransactional`.
 * Prints how long the call takes (render + enqueue) and how long each email waited until Postmark
 * accepted it, i.e. whether transactional mail queues behind the campaign.
 */
export const run = async ({ n }: { n: number }) => {
  const database = await createBenchDatabase('transactional')
  const target = await startFakePostmarkProcess({ keepBodies: false, latencyMs: 100 })
  const payload = await getPayload({
    config: createDevConfig({
      databaseUrl: database.url,
      plugin: {
        postmark: {
          apiUrl: target.url,
          serverToken: process.env.POSTMARK_SERVER_TOKEN ?? 'bench-token',
        },
        scheduler: { enabled: false },
      },
    }),
    key: 'bench-transactional',
  })
  payload.db.pool.on('error', () => {})
  try {
    await payload.create({
      collection: 'transactional-templates',
      data: {
        html: '<p>Your code is {{ code }}</p>',
        mode: 'html',
        name: 'Code',
        slug: 'code',
        subject: 'Code {{ code }}',
        variables: [{ name: 'code', required: true }],
      } as never,
    })
    await payload.db.drizzle.execute(sql`
      INSERT INTO messages (kind, status, stream, to_address, from_address, from_name, subject, html, text, dedupe_key,
        priority, attempts, next_attempt_at, events_open_count, events_click_count, created_at, updated_at)
      SELECT 'campaign', 'queued', 'broadcast', 'reader' || i || '@example.com', 'news@example.com', 'Bench', 'Newsletter ' || i,
        '<p>Hello</p>', 'Hello', 'bench:' || i, 1, 0, now(), 0, 0, now(), now()
      FROM generate_series(1, ${n}) AS i`)
    let draining = true
    const drain = (async () => {
      while (draining) await drainOutbox(payload, { budgetMs: 2_000 })
    })()
    const callMs: number[] = []
    const ids: number[] = []
    for (let index = 0; index < samples; index++) {
      await new Promise((resolve) => setTimeout(resolve, 250))
      const started = performance.now()
      ids.push(
        (
          await sendTransactional(payload, {
            data: { code: String(index) },
            template: 'code',
            to: `user${index}@example.com`,
          })
        ).messageId,
      )
      callMs.push(performance.now() - started)
    }
    for (;;) {
      const [{ left }] = rowsOf<{ left: number }>(
        await payload.db.drizzle.execute(
          sql`SELECT count(*)::int AS left FROM messages WHERE status IN ('queued', 'sending')`,
        ),
      )
      if (left === 0) break
      await new Promise((resolve) => setTimeout(resolve, 200))
    }
    draining = false
    await drain
    const waits = rowsOf<{ campaignAfter: number; waitMs: number }>(
      await payload.db.drizzle.execute(sql`
        SELECT extract(epoch FROM (t.sent_at - t.created_at)) * 1000 AS "waitMs",
          (SELECT count(*)::int FROM messages c WHERE c.kind = 'campaign' AND c.sent_at > t.sent_at) AS "campaignAfter"
        FROM messages t WHERE t.id = ANY(${`{${ids.join(',')}}`}::int[])`),
    )
    return {
      bench: 'transactional',
      callMsP50: percentile(callMs, 50),
      callMsP95: percentile(callMs, 95),
      campaignSentAfterLastTransactional: Math.min(...waits.map((row) => row.campaignAfter)),
      n,
      samples,
      waitUntilAcceptedMsMax: percentile(
        waits.map((row) => Number(row.waitMs)),
        100,
      ),
      waitUntilAcceptedMsP50: percentile(
        waits.map((row) => Number(row.waitMs)),
        50,
      ),
    }
  } finally {
    await payload.destroy()
    target.stop()
    await database.cleanup()
  }
}
