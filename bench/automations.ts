import type { CollectionSlug, Payload } from 'payload'

import { sql } from '@payloadcms/db-postgres'
import { getPayload } from 'payload'

import { createDevConfig } from '../dev/config'
import { lexicalParagraphs } from '../dev/lexicalParagraphs'
import { automationTick } from '../src/index'
import { rowsOf } from '../src/utilities/db'
import { createBenchDatabase } from './support/benchDatabase'
import { peakRssMb } from './support/peakRss'

const due = 10_000

/** Fills enrollments in one statement: the first `dueCount` due now, the rest waiting a day; contacts reused round-robin. */
const fillEnrollments = async (
  payload: Payload,
  { automationId, dueCount, total }: { automationId: number; dueCount: number; total: number },
) => {
  await payload.db.drizzle.execute(sql`TRUNCATE enrollments, enrollments_history, messages CASCADE`)
  await payload.db.drizzle.execute(sql`
    INSERT INTO enrollments (contact_id, automation_id, status, step_path, next_run_at, enrolled_at, state, created_at, updated_at)
    SELECT 1 + (i % ${due}), ${automationId},
      CASE WHEN i <= ${dueCount} THEN 'active' ELSE 'waiting' END::enum_em_enrollment_status,
      CASE WHEN i <= ${dueCount} THEN NULL ELSE '1' END,
      CASE WHEN i <= ${dueCount} THEN now() - interval '1 minute' ELSE now() + interval '1 day' END,
      now(), '{"depth":0}'::jsonb, now(), now()
    FROM generate_series(1, ${total}) AS i`)
  await payload.db.drizzle.execute(sql`ANALYZE enrollments`)
}

/** Runs ticks until nothing is due; returns the wall time and the steps taken. */
const timeTick = async (payload: Payload) => {
  const started = performance.now()
  let steps = 0
  for (;;) {
    const result = await automationTick(payload, { budgetMs: 600_000 })
    steps += result.steps
    if (result.claimed === 0) break
  }
  return { seconds: (performance.now() - started) / 1000, steps }
}

/**
 * `npm run bench -- automations --n 1000000`: an automation "send an email, then wait a day";
 * after an untimed warm-up round, times a tick with only 10,000 due enrollments in the table, and
 * the same tick over 10,000 due among N.
 */
export const run = async ({ n }: { n: number }) => {
  const database = await createBenchDatabase('automations')
  const payload = await getPayload({
    config: createDevConfig({
      databaseUrl: database.url,
      plugin: { scheduler: { enabled: false } },
    }),
    key: 'bench-automations',
  })
  payload.db.pool.on('error', () => {})
  try {
    await payload.db.drizzle.execute(sql`
      INSERT INTO contacts (email, first_name, status, created_at, updated_at)
      SELECT 'member' || i || '@example.com', 'Member ' || i, 'active', now(), now() FROM generate_series(1, ${due}) AS i`)
    const automation = (await payload.create({
      collection: 'automations' as CollectionSlug,
      data: {
        name: 'Bench drip',
        reentry: { rule: 'everyTime' },
        status: 'active',
        steps: [
          {
            blockType: 'sendEmail',
            body: lexicalParagraphs('Hi {{ contact.firstName }}, here is your tip of the day.'),
            mode: 'marketing',
            subject: 'Tip for {{ contact.firstName }}',
          },
          { amount: 1, blockType: 'wait', mode: 'duration', unit: 'days' },
        ],
      } as never,
    })) as unknown as { id: number }

    // A first round warms the JIT, the prepared email and the planner statistics; it is not timed.
    await fillEnrollments(payload, { automationId: automation.id, dueCount: due, total: due })
    await timeTick(payload)
    await payload.db.drizzle.execute(sql`ANALYZE`)

    await fillEnrollments(payload, { automationId: automation.id, dueCount: due, total: due })
    const small = await timeTick(payload)

    const insertStarted = performance.now()
    await fillEnrollments(payload, { automationId: automation.id, dueCount: due, total: n })
    const insertSeconds = (performance.now() - insertStarted) / 1000
    const big = await timeTick(payload)

    const [{ sent, waiting }] = rowsOf<{ sent: number; waiting: number }>(
      await payload.db.drizzle.execute(sql`
        SELECT (SELECT count(*)::int FROM messages) AS sent,
          (SELECT count(*)::int FROM enrollments WHERE status = 'waiting' AND next_run_at > now()) AS waiting`),
    )
    if (sent !== due || waiting !== n)
      throw new Error(
        `Expected ${due} emails and ${n} waiting enrollments, got ${sent} and ${waiting}.`,
      )
    return {
      bench: 'automations',
      due,
      insertSeconds: Number(insertSeconds.toFixed(1)),
      n,
      peakRssMb: peakRssMb(),
      steps: big.steps,
      stepsPerSecond: Math.round(big.steps / big.seconds),
      tickCostRatio: Number((big.seconds / small.seconds).toFixed(2)),
      tickSeconds: Number(big.seconds.toFixed(2)),
      tickSecondsAt10k: Number(small.seconds.toFixed(2)),
    }
  } finally {
    await payload.destroy()
    await database.cleanup()
  }
}
