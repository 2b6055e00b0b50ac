/**
 * An automation engine process for the crash test: boots the dev config and runs engine ticks
 * at the clock given in ENGINE_NOW until nothing is due. Env: DATABASE_URL, ENGINE_NOW, WEBHOOK_URL unused.
 */
import { sql } from '@payloadcms/db-postgres'
import { getPayload } from 'payload'

import { createDevConfig } from '../../dev/config'
import { automationTick } from '../../src/index'
import { rowsOf } from '../../src/utilities/db'
import { tables } from '../helpers/slugs'

const payload = await getPayload({
  config: createDevConfig({
    plugin: { automations: { batchSize: 25, leaseSeconds: 2 }, scheduler: { enabled: false } },
  }),
})
payload.db.pool.on('error', () => {})
console.log('worker ready')

const now = new Date(process.env.ENGINE_NOW ?? Date.now())
const due = async () =>
  rowsOf<{ count: number }>(
    await payload.db.drizzle.execute(
      sql`SELECT count(*)::int AS count FROM ${tables.enrollments} WHERE status IN ('active', 'waiting') AND next_run_at <= ${now.toISOString()}::timestamptz`,
    ),
  )[0].count

for (;;) {
  const result = await automationTick(payload, { maxBatches: 1, now })
  if ((await due()) === 0) break
  if (result.claimed === 0) await new Promise((resolve) => setTimeout(resolve, 250))
}
console.log('worker done')
process.exit(0)
