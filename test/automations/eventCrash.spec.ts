import type { CollectionSlug } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import { recordPostmarkWebhook } from '../../src/index'
import { enqueueMessages } from '../../src/sending/enqueueMessages'
import { rowsOf } from '../../src/utilities/db'
import { bootTestPayload, type TestPayload } from '../helpers/bootTestPayload'
import { startTsProcess } from '../helpers/tsProcess'
import { openBody } from '../public/webhookPayloads'
import { createAutomation, createTag, email } from './automationFixtures'
import { enrollmentHistory, slugs, tables } from '../helpers/slugs'

/** 2 opens and 2 tag changes (added, then removed) per contact: 2,500 of each. */
const contacts = 1_250
const lives = 5

let app: TestPayload

beforeAll(async () => {
  app = await bootTestPayload({ name: 'automation-event-crash' })
})

afterAll(async () => {
  await app?.shutdown()
})

const startEngine = (drain = false) =>
  startTsProcess('test/automations/eventEngineWorker.ts', {
    DATABASE_URL: app.databaseUrl,
    ENGINE_DRAIN: drain ? '1' : '0',
    // The test process already pushed the schema; a second push could stop at drizzle's interactive prompt.
    NODE_ENV: 'development',
    PAYLOAD_MIGRATING: 'true',
  })

const query = async <Row>(statement: ReturnType<typeof sql>) =>
  rowsOf<Row>(await app.payload.db.drizzle.execute(statement))

const processedEvents = async () =>
  (
    await query<{ count: number }>(
      sql`SELECT count(*)::int AS count FROM ${tables.automationEvents} WHERE processed_at IS NOT NULL`,
    )
  )[0].count

/** Runs `tasks` with at most `width` at a time. */
const pooled = async (tasks: (() => Promise<unknown>)[], width: number) => {
  let next = 0
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < tasks.length) await tasks[next++]()
    }),
  )
}

it('every open and tag change enrolls its contact exactly once while the engine is SIGKILLed five times', async () => {
  const { payload } = app
  const tag = await createTag(payload, 'crash-tag')
  const steps = [email('Thanks')]
  const opened = await createAutomation(payload, {
    name: 'On open',
    reentry: { rule: 'everyTime' },
    steps,
    triggers: [{ blockType: 'emailOpened' }],
  })
  const tagged = await createAutomation(payload, {
    name: 'On tag',
    reentry: { rule: 'everyTime' },
    steps,
    triggers: [{ blockType: 'tagAdded', tag: tag.id }],
  })
  const untagged = await createAutomation(payload, {
    name: 'On untag',
    reentry: { rule: 'everyTime' },
    steps,
    triggers: [{ blockType: 'tagRemoved', tag: tag.id }],
  })
  await payload.db.drizzle.execute(sql`
    INSERT INTO ${tables.contacts} (email, status, created_at, updated_at)
    SELECT 'fact' || i || '@example.com', 'active', now(), now() FROM generate_series(1, ${contacts}) AS i`)
  const people = await query<{ email: string; id: number }>(
    sql`SELECT id, email FROM ${tables.contacts} WHERE email LIKE 'fact%' ORDER BY id`,
  )
  const messages = await enqueueMessages(
    payload,
    people.map((person) => ({
      contact: person.id,
      html: '<p>x</p>',
      kind: 'campaign' as const,
      subject: 'x',
      to: person.email,
    })),
  )
  // Per contact, in this order: an open, the tag added, an open, the tag removed (one contact's facts
  // arrive one after another; different contacts' at the same time).
  const factsOf = people.map((person, index) => {
    const metadata = { messageId: String(messages[index].id) }
    const open = (second: number) => () =>
      recordPostmarkWebhook(
        payload,
        openBody(
          `pm-${messages[index].id}`,
          person.email,
          `2026-03-01T10:00:0${second}Z`,
          metadata,
        ),
      )
    const setTags = (tags: number[]) => () =>
      payload.update({
        collection: slugs.contacts as CollectionSlug,
        data: { tags } as never,
        id: person.id,
      })
    return async () => {
      for (const fact of [open(1), setTags([tag.id]), open(2), setTags([])]) await fact()
    }
  })

  let killedMidWork = 0
  const wave = Math.ceil(factsOf.length / lives)
  for (let life = 0; life < lives; life += 1) {
    const engine = startEngine()
    await engine.ready
    const before = await processedEvents()
    const arriving = pooled(factsOf.slice(life * wave, (life + 1) * wave), 6)
    // Killed at a random point while this wave's facts arrive and the engine consumes them.
    await new Promise((resolve) => setTimeout(resolve, 1_000 + Math.random() * 4_000))
    engine.child.kill('SIGKILL')
    await engine.exited
    const pending = (
      await query<{ count: number }>(
        sql`SELECT count(*)::int AS count FROM ${tables.automationEvents} WHERE processed_at IS NULL`,
      )
    )[0].count
    if ((await processedEvents()) > before && pending > 0) killedMidWork += 1
    await arriving
  }
  expect(killedMidWork).toBeGreaterThanOrEqual(3)

  const last = startEngine(true)
  await last.ready
  expect(await last.exited).toBe(0)

  // Every fact was recorded once, with the change that caused it, and consumed.
  const recorded = await query<{ count: number; type: string; unprocessed: number }>(sql`
    SELECT type, count(*)::int AS count, count(*) FILTER (WHERE processed_at IS NULL)::int AS unprocessed
    FROM ${tables.automationEvents} GROUP BY type ORDER BY type`)
  expect(recorded).toEqual([
    { count: 2 * contacts, type: 'email.opened', unprocessed: 0 },
    { count: contacts, type: 'tag.added', unprocessed: 0 },
    { count: contacts, type: 'tag.removed', unprocessed: 0 },
  ])

  // Every fact enrolled its contact in its automation exactly once: facts and enrollments match one to one.
  for (const [automation, type] of [
    [opened, 'email.opened'],
    [tagged, 'tag.added'],
    [untagged, 'tag.removed'],
  ] as const) {
    const mismatches = await query(sql`
      SELECT f.id AS fact, e.id AS enrollment
      FROM (SELECT id, contact_id FROM ${tables.automationEvents} WHERE type = ${type}) f
      FULL JOIN (SELECT id, contact_id, (state->>'eventId')::int AS event_id FROM ${tables.enrollments}
        WHERE automation_id = ${automation.id}) e ON e.event_id = f.id AND e.contact_id = f.contact_id
      WHERE f.id IS NULL OR e.id IS NULL`)
    expect(mismatches).toEqual([])
    const [{ count, distinct }] = await query<{ count: number; distinct: number }>(sql`
      SELECT count(*)::int AS count, count(DISTINCT state->>'eventId')::int AS distinct
      FROM ${tables.enrollments} WHERE automation_id = ${automation.id}`)
    expect({ count, distinct }).toEqual({
      count: type === 'email.opened' ? 2 * contacts : contacts,
      distinct: type === 'email.opened' ? 2 * contacts : contacts,
    })
  }

  // And advanced it exactly once: each run finished, with one history entry and one email for its step.
  expect(
    await query(
      sql`SELECT status::text, count(*)::int AS count FROM ${tables.enrollments} GROUP BY status ORDER BY status`,
    ),
  ).toEqual([{ count: 4 * contacts, status: 'completed' }])
  expect(
    await query(sql`
      SELECT _parent_id, step, count(*) FROM ${enrollmentHistory} GROUP BY _parent_id, step HAVING count(*) <> 1`),
  ).toEqual([])
  const [{ sent }] = await query<{ sent: number }>(sql`
    SELECT count(DISTINCT dedupe_key)::int AS sent FROM ${tables.messages} WHERE dedupe_key LIKE 'step:%'`)
  const [{ stepMessages }] = await query<{ stepMessages: number }>(sql`
    SELECT count(*)::int AS "stepMessages" FROM ${tables.messages} WHERE dedupe_key LIKE 'step:%'`)
  expect({ sent, stepMessages }).toEqual({ sent: 4 * contacts, stepMessages: 4 * contacts })
}, 900_000)
