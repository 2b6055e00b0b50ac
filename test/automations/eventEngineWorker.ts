/**
 * An automation engine process for the trigger-event crash test: boots the dev config and runs
 * engine ticks on the wall clock until it is killed, or, with ENGINE_DRAIN=1, until no trigger
 * event is unprocessed and no enrollment is due (then exits 0). Env: DATABASE_URL, ENGINE_DRAIN.
 */
import { sql } from '@payloadcms/db-postgres'
import { getPayload } from 'payload'

import { createDevConfig } from '../../dev/config'
import { automationTick } from '../../src/index'
import { rowsOf } from '../../src/utilities/db'
import { tables } from '../helpers/slugs'

const payload = await getPayload({
  config: createDevConfig({
    plugin: {
      automations: { batchSize: 50, eventBatchSize: 50, leaseSeconds: 2 },
      scheduler: { enabled: false },
    },
  }),
})
payload.db.pool.on('error', () => {})
console.log('worker ready')

const drain = process.env.ENGINE_DRAIN === '1'
const remaining = async () =>
  rowsOf<{ count: number }>(
    await payload.db.drizzle.execute(sql`
      SELECT ((SELECT count(*) FROM ${tables.automationEvents} WHERE processed_at IS NULL)
        + (SELECT count(*) FROM ${tables.enrollments} WHERE status IN ('active', 'waiting') AND next_run_at <= now()))::int AS count`),
  )[0].count

for (;;) {
  const result = await automationTick(payload, { budgetMs: 2_000 })
  if (drain && (await remaining()) === 0) break
  if (result.claimed === 0 && result.events === 0)
    await new Promise((resolve) => setTimeout(resolve, 100))
}
console.log('worker done')
process.exit(0)
