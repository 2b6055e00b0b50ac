import type { CollectionSlug } from 'payload'

import { sql } from '@payloadcms/db-postgres'
import { createServer, type Server } from 'node:http'

import { enroll } from '../../src/index'
import { rowsOf } from '../../src/utilities/db'
import { bootTestPayload, type TestPayload } from '../helpers/bootTestPayload'
import { startTsProcess } from '../helpers/tsProcess'
import { createAutomation, createTag, email } from './automationFixtures'
import { enrollmentHistory, slugs, tables } from '../helpers/slugs'

const contacts = 300

let app: TestPayload
let hookServer: Server
const webhookCalls = new Map<number, number>()

beforeAll(async () => {
  app = await bootTestPayload({ name: 'automation-crash' })
  hookServer = createServer((request, response) => {
    let body = ''
    request.on('data', (chunk) => (body += chunk))
    request.on('end', () => {
      const { enrollment } = JSON.parse(body) as { enrollment: number }
      webhookCalls.set(enrollment, (webhookCalls.get(enrollment) ?? 0) + 1)
      response.writeHead(204).end()
    })
  })
  await new Promise<void>((resolve) => hookServer.listen(0, '127.0.0.1', resolve))
})

afterAll(async () => {
  hookServer?.close()
  await app?.shutdown()
})

const startEngine = (now: Date) =>
  startTsProcess('test/automations/engineWorker.ts', {
    DATABASE_URL: app.databaseUrl,
    ENGINE_NOW: now.toISOString(),
    // The test process already pushed the schema; a second push could stop at drizzle's interactive prompt.
    NODE_ENV: 'development',
    PAYLOAD_MIGRATING: 'true',
  })

const count = async (query: ReturnType<typeof sql>) =>
  rowsOf<{ count: number }>(await app.payload.db.drizzle.execute(query))[0].count

it('runs no step twice and sends no email twice when the engine is killed with SIGKILL mid-tick', async () => {
  const { payload } = app
  const port = (hookServer.address() as { port: number }).port
  const tag = await createTag(payload, 'crash-tested')
  const automation = await createAutomation(payload, {
    steps: [
      email('First'),
      { blockType: 'webhook', url: `http://127.0.0.1:${port}/hook` },
      { blockType: 'addTag', tag: tag.id },
      email('Second'),
    ],
  })
  await payload.db.drizzle.execute(sql`
    INSERT INTO ${tables.contacts} (email, status, created_at, updated_at)
    SELECT 'crash' || i || '@example.com', 'active', now(), now() FROM generate_series(1, ${contacts}) AS i`)
  const ids = rowsOf<{ id: number }>(
    await payload.db.drizzle.execute(
      sql`SELECT id FROM ${tables.contacts} WHERE email LIKE 'crash%' ORDER BY id`,
    ),
  )
  for (const { id } of ids) await enroll(payload, { automationId: automation.id, contactId: id })
  const now = new Date(Date.now() + 1000)

  let killedMidTick = 0
  for (let kill = 0; kill < 3; kill += 1) {
    const engine = startEngine(now)
    await engine.ready
    const progressBefore = await count(sql`SELECT count(*)::int AS count FROM ${enrollmentHistory}`)
    // Kill once this engine has written something, a little into its next batch.
    for (let polls = 0; polls < 200; polls += 1) {
      if (
        (await count(sql`SELECT count(*)::int AS count FROM ${enrollmentHistory}`)) > progressBefore
      )
        break
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    await new Promise((resolve) => setTimeout(resolve, 100 + kill * 100))
    engine.child.kill('SIGKILL')
    await engine.exited
    const leased = await count(
      sql`SELECT count(*)::int AS count FROM ${tables.enrollments} WHERE lease_until IS NOT NULL AND status IN ('active', 'waiting')`,
    )
    const progressAfter = await count(sql`SELECT count(*)::int AS count FROM ${enrollmentHistory}`)
    if (leased > 0 && progressAfter > progressBefore) killedMidTick += 1
  }
  expect(killedMidTick).toBeGreaterThanOrEqual(2)

  const last = startEngine(now)
  await last.ready
  expect(await last.exited).toBe(0)

  expect(
    await count(
      sql`SELECT count(*)::int AS count FROM ${tables.enrollments} WHERE status <> 'completed'`,
    ),
  ).toBe(0)
  const messages = rowsOf<{ dedupe_key: string; to_address: string }>(
    await payload.db.drizzle.execute(sql`SELECT dedupe_key, to_address FROM ${tables.messages}`),
  )
  expect(messages).toHaveLength(2 * contacts)
  expect(new Set(messages.map((m) => `${m.to_address}|${m.dedupe_key}`)).size).toBe(2 * contacts)
  expect(new Set(messages.map((m) => m.to_address)).size).toBe(contacts)
  // A step runs at most once: one history entry per enrollment and step (the webhook records "started" before its call).
  const repeated = rowsOf(
    await payload.db.drizzle.execute(sql`
      SELECT _parent_id, step, count(*) FROM ${enrollmentHistory} WHERE outcome NOT LIKE 'webhook%'
      GROUP BY _parent_id, step HAVING count(*) > 1`),
  )
  expect(repeated).toEqual([])
  expect([...webhookCalls.values()].every((calls) => calls === 1)).toBe(true)
  expect(
    await count(sql`SELECT count(*)::int AS count FROM ${enrollmentHistory} WHERE step = '0'`),
  ).toBe(contacts)
  const tagged = await payload.count({
    collection: slugs.contacts as CollectionSlug,
    where: { tags: { in: [tag.id] } },
  })
  expect(tagged.totalDocs).toBe(contacts)
}, 400_000)
