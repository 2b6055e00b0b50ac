import { sql } from '@payloadcms/db-postgres'

import { drainOutbox } from '../src/sending/drainOutbox'
import { rowsOf } from '../src/utilities/db'
import { bootBenchApp } from './support/bootBenchApp'
import { cpuMeter } from './support/cpuSeconds'
import { peakRssMb } from './support/peakRss'

const newsletterHtml = `<html><body><table role="presentation" width="100%"><tr><td>${'<p style="margin:0 0 16px">Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore.</p>'.repeat(12)}</td></tr></table></body></html>`

/**
 * `npm run bench -- send --n 100000`: fills the outbox with N campaign messages, each to its own
 * contact, in one statement, then times the drain to a Postmark-compatible server answering each
 * call after 100 ms.
 */
export const run = async ({ n }: { n: number }) => {
  const { payload, shutdown, target } = await bootBenchApp('send')
  try {
    // Marketing email is only sent to a contact (its unsubscribe link names one): one per message.
    await payload.db.drizzle.execute(sql`
      WITH readers AS (
        INSERT INTO contacts (email, status, attributes, created_at, updated_at)
        SELECT 'reader' || i || '@example.com', 'active', '{}'::jsonb, now(), now() FROM generate_series(1, ${n}) AS i
        RETURNING id, email
      )
      INSERT INTO messages (kind, status, stream, contact_id, to_address, from_address, from_name, subject, html, text, dedupe_key,
        priority, attempts, next_attempt_at, events_open_count, events_click_count, created_at, updated_at)
      SELECT 'campaign', 'queued', 'broadcast', r.id, r.email, 'news@example.com', 'Bench', 'Bench newsletter ' || r.id,
        ${newsletterHtml}, 'Lorem ipsum', 'bench:' || r.id, 1, 0, now(), 0, 0, now(), now()
      FROM readers r`)
    const cpu = cpuMeter()
    const started = performance.now()
    let accepted = 0
    for (;;) {
      const result = await drainOutbox(payload, { budgetMs: 60_000 })
      accepted += result.accepted
      const [{ left }] = rowsOf<{ left: number }>(
        await payload.db.drizzle.execute(
          sql`SELECT count(*)::int AS left FROM messages WHERE status IN ('queued', 'sending')`,
        ),
      )
      if (left === 0) break
    }
    const seconds = (performance.now() - started) / 1000
    const cpuSeconds = cpu()
    const serverAccepted = await target.acceptedCount()
    if (serverAccepted !== null && serverAccepted !== n) {
      throw new Error(`The server accepted ${serverAccepted} messages, expected ${n}.`)
    }
    return {
      accepted,
      bench: 'send',
      cpuSeconds,
      messagesPerSecond: Math.round(n / seconds),
      n,
      peakRssMb: peakRssMb(),
      seconds: Number(seconds.toFixed(2)),
    }
  } finally {
    await shutdown()
  }
}
