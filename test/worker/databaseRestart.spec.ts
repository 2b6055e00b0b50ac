import type { Payload } from 'payload'

import { sql } from '@payloadcms/db-postgres'
import { getPayload } from 'payload'

import { createDevConfig } from '../../dev/config'
import { ensureDatabase, withDatabase } from '../../dev/database/ensureDatabase'
import { sendCampaign } from '../../src/index'
import { enqueueMessages } from '../../src/sending/enqueueMessages'
import { rowsOf } from '../../src/utilities/db'
import {
  createCampaign,
  createList,
  messageCounts,
  seedSubscribers,
} from '../campaigns/campaignFixtures'
import { testPostmarkToken } from '../helpers/bootSendingApp'
import { type RestartablePostgres, startRestartablePostgres } from '../helpers/restartablePostgres'
import { startTsProcess, type TsProcess } from '../helpers/tsProcess'
import { type FakePostmark, startFakePostmark } from '../postmark/fakePostmarkServer'
import { healthUrlOf, startWorkerProcess } from './workerProcess'
import { tables } from '../helpers/slugs'

// A Postgres of this file's own: the test restarts it, which must never happen to the shared one.
let postgres: RestartablePostgres
let postmark: FakePostmark
let payload: Payload
let databaseUrl: string
const children: TsProcess[] = []
const audienceSize = 20_000
const latencyMs = 200

beforeAll(async () => {
  postgres = await startRestartablePostgres('worker')
  await ensureDatabase(postgres.serverUrl, 'em_restart')
  databaseUrl = withDatabase(postgres.serverUrl, 'em_restart')
  postmark = await startFakePostmark({ latencyMs, serverToken: testPostmarkToken })
  const config = await createDevConfig({
    databaseUrl,
    plugin: {
      postmark: { apiUrl: postmark.url, serverToken: testPostmarkToken },
      scheduler: { enabled: false },
    },
  })
  payload = await getPayload({ config, key: 'database_restart' })
}, 120_000)

afterAll(async () => {
  for (const child of children) child.child.kill('SIGKILL')
  await payload?.destroy()
  await postmark?.close()
  await postgres?.stop()
})

const waitFor = async (
  condition: () => boolean | Promise<boolean>,
  timeoutMs: number,
  what: string,
) => {
  const deadline = Date.now() + timeoutMs
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

/** The campaign's status, or undefined while this process's own connections are still coming back. */
const campaignStatus = async (id: number) =>
  payload.db.drizzle
    .execute(sql`SELECT status::text FROM ${tables.campaigns} WHERE id = ${id}`)
    .then((result) => rowsOf<{ status: string }>(result)[0].status)
    .catch(() => undefined)

it('a worker drains a 20,000-message campaign exactly once while Postgres restarts twice, and never exits', async () => {
  const listId = await createList(payload, 'Everyone')
  await seedSubscribers(payload, { count: audienceSize, listId, prefix: 'restart' })
  const id = await createCampaign(payload, {
    audience: { lists: [listId] },
    name: 'Through two restarts',
  })
  await sendCampaign(payload, id, { budgetMs: 0 })

  const worker = startWorkerProcess(
    { DATABASE_URL: databaseUrl, POSTMARK_API_URL: postmark.url, WORKER_CONCURRENCY: '1' },
    ['--health-port', '0'],
  )
  children.push(worker)
  await worker.ready
  for (const threshold of [3000, 10_000]) {
    await waitFor(
      () => postmark.accepted.length >= threshold,
      120_000,
      `${threshold} accepted messages`,
    )
    await postgres.restart()
  }
  expect(postmark.accepted.length).toBeLessThan(audienceSize)
  // The restarts are the test; what they cut off is reconciled with one Postmark search per message,
  // which at 200 ms each would take most of a minute.
  postmark.setLatency(0)
  await waitFor(
    async () => (await campaignStatus(id)) === 'sent',
    300_000,
    'the campaign to be sent',
  )

  expect(worker.child.exitCode).toBeNull()
  expect((await fetch(healthUrlOf(worker))).status).toBe(200)
  const addresses = postmark.accepted.map((message) => message.To)
  expect(postmark.duplicates()).toEqual([])
  expect(addresses).toHaveLength(audienceSize)
  expect(new Set(addresses).size).toBe(audienceSize)
  expect(await messageCounts(payload, id)).toEqual({ sent: audienceSize })
  const output = worker.output()
  expect(output).toContain('lost a Postgres connection')
  expect(output).not.toMatch(/uncaught|unhandled/i)
  worker.child.kill('SIGTERM')
  expect(await worker.exited).toBe(0)
}, 500_000)

it('a worker reports 503 on /health while the database is down and 200 once it answers again, without exiting', async () => {
  const worker = startWorkerProcess({ DATABASE_URL: databaseUrl, POSTMARK_API_URL: postmark.url }, [
    '--health-port',
    '0',
    '--health-stale-seconds',
    '3',
  ])
  children.push(worker)
  await worker.ready
  const status = async () => (await fetch(healthUrlOf(worker))).status
  await waitFor(async () => (await status()) === 200, 30_000, 'the worker to report healthy')
  await postgres.down()
  try {
    await waitFor(async () => (await status()) === 503, 30_000, 'the worker to report unhealthy')
  } finally {
    await postgres.up()
  }
  await waitFor(async () => (await status()) === 200, 60_000, 'the worker to report healthy again')
  expect(worker.child.exitCode).toBeNull()
  // Health turns 200 on the first tick that succeeds, which may be one that never failed; the recovery
  // line of a tick that did fail follows on its next run.
  await waitFor(
    () => /tick runs again after \d+ failed attempt/.test(worker.output()),
    30_000,
    'a failed tick to log its recovery',
  )
  expect(worker.output()).not.toMatch(/uncaught|unhandled/i)
  worker.child.kill('SIGTERM')
  expect(await worker.exited).toBe(0)
}, 180_000)

it('the dev app logs no uncaught exception across a Postgres restart, and sends again afterwards', async () => {
  postmark.reset()
  postmark.setLatency(latencyMs)
  const devApp = startTsProcess('test/worker/devAppProcess.ts', {
    DATABASE_URL: databaseUrl,
    POSTMARK_API_URL: postmark.url,
    POSTMARK_SERVER_TOKEN: testPostmarkToken,
  })
  children.push(devApp)
  await devApp.ready
  // Let the scheduler's ticks leave idle connections in the pool, the ones a restart breaks.
  await new Promise((resolve) => setTimeout(resolve, 3000))
  await postgres.restart()

  await waitFor(
    () =>
      enqueueMessages(payload, [
        {
          dedupeKey: 'after-restart',
          html: '<p>Hi</p>',
          kind: 'transactional',
          subject: 'After the restart',
          text: 'Hi',
          to: 'after@example.com',
        },
      ])
        .then(() => true)
        .catch(() => false),
    30_000,
    'the database to answer again',
  )
  await waitFor(
    () => postmark.accepted.some((message) => message.To === 'after@example.com'),
    60_000,
    'the dev app to send after the restart',
  )
  expect(devApp.child.exitCode).toBeNull()
  expect(devApp.output()).not.toMatch(/uncaughtException/)
  expect(devApp.output()).toContain('lost a Postgres connection')
}, 120_000)
