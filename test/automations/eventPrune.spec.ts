import { sql } from '@payloadcms/db-postgres'

import { pruneEvents } from '../../src/automations/engine/pruneEvents'
import { rowsOf } from '../../src/utilities/db'
import { bootTestPayload, type TestPayload } from '../helpers/bootTestPayload'
import { tables } from '../helpers/slugs'

let app: TestPayload

beforeAll(async () => {
  app = await bootTestPayload({
    name: 'automation-event-prune',
    plugin: { automations: { eventBatchSize: 40, eventRetentionDays: 3 } },
  })
})

afterAll(async () => {
  await app?.shutdown()
})

const remaining = async () =>
  rowsOf<{ old: number; pending: number; recent: number }>(
    await app.payload.db.drizzle.execute(sql`
      SELECT count(*) FILTER (WHERE processed_at < now() - interval '3 days')::int AS old,
        count(*) FILTER (WHERE processed_at IS NULL)::int AS pending,
        count(*) FILTER (WHERE processed_at >= now() - interval '3 days')::int AS recent
      FROM ${tables.automationEvents}`),
  )[0]

it('prunes events processed longer ago than eventRetentionDays, eventBatchSize rows per call, and keeps the rest', async () => {
  const { payload } = app
  await payload.db.drizzle.execute(sql`
    INSERT INTO ${tables.automationEvents} (type, contact_id, data, processed_at, created_at, updated_at)
    SELECT 'tag.added', i, jsonb_build_object('type', 'tag.added', 'contactId', i, 'tagId', 1),
      CASE WHEN i <= 100 THEN now() - interval '4 days' WHEN i <= 130 THEN now() - interval '1 day' END,
      now(), now()
    FROM generate_series(1, 150) AS i`)
  expect(await remaining()).toEqual({ old: 100, pending: 20, recent: 30 })
  expect(await pruneEvents(payload, { force: true })).toBe(40)
  expect(await remaining()).toEqual({ old: 60, pending: 20, recent: 30 })
  // Without force, a process prunes at most once a minute.
  expect(await pruneEvents(payload)).toBe(0)
  expect(await pruneEvents(payload, { force: true })).toBe(40)
  expect(await pruneEvents(payload, { force: true })).toBe(20)
  expect(await pruneEvents(payload, { force: true })).toBe(0)
  expect(await remaining()).toEqual({ old: 0, pending: 20, recent: 30 })
})
