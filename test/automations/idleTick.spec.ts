import { sql } from '@payloadcms/db-postgres'

import { forgetActiveTriggers } from '../../src/automations/triggers/activeTriggers'
import { automationTick } from '../../src/index'
import { rowsOf } from '../../src/utilities/db'
import { bootTestPayload, type TestPayload } from '../helpers/bootTestPayload'
import { statementsDuring } from '../helpers/statementLog'
import { createAutomation, email } from './automationFixtures'
import { tableNames, tables } from '../helpers/slugs'

/** The figure is 1,000,000; the statement check does not depend on the count. */
const contacts = 200_000

let app: TestPayload

beforeAll(async () => {
  app = await bootTestPayload({ name: 'automation-idle-tick' })
  await app.payload.db.drizzle.execute(sql`
    INSERT INTO ${tables.contacts} (email, status, attributes, created_at, updated_at)
    SELECT 'idle' || i || '@example.com', 'active',
      jsonb_build_object('birthday', to_char(date '1980-01-01' + (i % 365), 'YYYY-MM-DD'),
        'renewsOn', to_char(date '2031-06-01' + (i % 60), 'YYYY-MM-DD')),
      timestamptz '2030-06-15 08:00:00+00' - make_interval(days => i % 400), now()
    FROM generate_series(1, ${contacts}) AS i`)
  await app.payload.db.drizzle.execute(sql`ANALYZE ${tables.contacts}`)
})

afterAll(async () => {
  await app?.shutdown()
})

/** Statements that touch the contacts table (or its relations), by name. */
const contactStatements = (statements: string[]) =>
  statements.filter((text) =>
    new RegExp(`"${tableNames.contacts}(_rels)?"|\\b${tableNames.contacts}(_rels)?\\b`).test(text),
  )

const enrolled = async () =>
  rowsOf<{ count: number }>(
    await app.payload.db.drizzle.execute(
      sql`SELECT count(*)::int AS count FROM ${tables.enrollments}`,
    ),
  )[0].count

it('after the day checkpoint of five date-triggered automations, an idle tick reads no contact rows', async () => {
  const { payload } = app
  const triggers = [
    { field: 'attributes.birthday', mode: 'anniversary', timeOfDay: '09:00', timeZone: 'UTC' },
    { field: 'createdAt', mode: 'anniversary', timeOfDay: '06:30', timeZone: 'Europe/Berlin' },
    { days: 3, field: 'attributes.renewsOn', mode: 'before', timeOfDay: '08:00', timeZone: 'UTC' },
    { days: 1, field: 'attributes.renewsOn', mode: 'after', timeOfDay: '00:00', timeZone: 'UTC' },
    { field: 'attributes.renewsOn', mode: 'on', timeOfDay: '07:15', timeZone: 'America/New_York' },
  ]
  for (const [index, trigger] of triggers.entries()) {
    await createAutomation(payload, {
      name: `Date ${index}`,
      reentry: { rule: 'everyTime' },
      steps: [email('Happy day')],
      triggers: [{ blockType: 'dateBased', ...trigger }],
    })
  }
  // 15 June 2031, 14:00 UTC: every trigger's time of day has passed in its zone.
  const now = new Date('2031-06-15T14:00:00Z')
  const firstTick = await statementsDuring(payload, () =>
    automationTick(payload, { maxBatches: 0, now }),
  )
  const afterFirst = await enrolled()
  expect(afterFirst).toBeGreaterThan(0)
  expect(contactStatements(firstTick).length).toBeGreaterThanOrEqual(5)
  // As if the runs had gone through their steps: nothing is due, so a tick has nothing to do.
  await payload.db.drizzle.execute(
    sql`UPDATE ${tables.enrollments} SET status = 'completed', next_run_at = NULL`,
  )

  // The same process, later the same day: nothing but the idle checks, none about contacts.
  const later = new Date('2031-06-15T18:00:00Z')
  const idle = await statementsDuring(payload, () => automationTick(payload, { now: later }))
  expect(contactStatements(idle)).toEqual([])
  // The automations' version, the event claim (begin, select, commit) and one enrollment claim per lane.
  expect(idle.length).toBeLessThanOrEqual(8)
  expect(await enrolled()).toBe(afterFirst)

  // A process that never saw the scans (its cache empty) learns from the checkpoints, not the contacts.
  forgetActiveTriggers(payload)
  const freshProcess = await statementsDuring(payload, () =>
    automationTick(payload, { now: later }),
  )
  expect(contactStatements(freshProcess)).toEqual([])
  expect(await enrolled()).toBe(afterFirst)
  const afterCheckpoints = await statementsDuring(payload, () =>
    automationTick(payload, { now: later }),
  )
  expect(contactStatements(afterCheckpoints)).toEqual([])
  expect(afterCheckpoints.length).toBeLessThanOrEqual(8)

  // The plan of the idle tick's own reads: the event claim uses the pending index, nothing scans contacts.
  const [plan] = rowsOf<{ 'QUERY PLAN': unknown }>(
    await payload.db.drizzle.execute(
      sql`EXPLAIN (FORMAT JSON) SELECT id, data FROM ${tables.automationEvents} WHERE processed_at IS NULL ORDER BY id LIMIT 1000 FOR UPDATE SKIP LOCKED`,
    ),
  )
  expect(JSON.stringify(plan)).not.toContain(`"${tableNames.contacts}"`)

  // The next local day scans again, once.
  const nextDay = new Date('2031-06-16T14:00:00Z')
  const nextDayTick = await statementsDuring(payload, () =>
    automationTick(payload, { maxBatches: 0, now: nextDay }),
  )
  expect(contactStatements(nextDayTick).length).toBeGreaterThanOrEqual(5)
  expect(await enrolled()).toBeGreaterThan(afterFirst)
}, 300_000)
