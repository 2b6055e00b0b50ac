/**
 * A delivery worker process for the crash and multi-process tests: boots the dev config and runs
 * outbox ticks until nothing is queued or sending. Env: DATABASE_URL, POSTMARK_API_URL, WORKER_CONCURRENCY.
 */
import { sql } from '@payloadcms/db-postgres'
import { getPayload } from 'payload'

import { createDevConfig } from '../../dev/config'
import { outboxTick } from '../../src/sending/outboxTick'
import { rowsOf } from '../../src/utilities/db'
import { tables } from '../helpers/slugs'

const payload = await getPayload({
  config: createDevConfig({
    plugin: {
      // The fake Postmark runs inside the jest process, which late in a full run can take over a second
      // to answer a 500-message batch; a call that times out is only settled once its lease expires.
      postmark: {
        apiUrl: process.env.POSTMARK_API_URL,
        serverToken: 'test-server-token',
        timeoutMs: 5000,
      },
      scheduler: { enabled: false },
      sending: { concurrency: Number(process.env.WORKER_CONCURRENCY ?? 4), leaseSeconds: 10 },
    },
    push: false,
  }),
})
payload.db.pool.on('error', () => {})
console.log('worker ready')

const unfinished = async () =>
  rowsOf<{ count: number }>(
    await payload.db.drizzle.execute(
      sql`SELECT count(*)::int AS count FROM ${tables.messages} WHERE status IN ('queued', 'sending')`,
    ),
  )[0].count

for (;;) {
  const result = await outboxTick(payload, { budgetMs: 2000 })
  if ((await unfinished()) === 0) break
  if (result.batches === 0) await new Promise((resolve) => setTimeout(resolve, 250))
}
console.log('worker done')
process.exit(0)
