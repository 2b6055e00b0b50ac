import { sql } from '@payloadcms/db-postgres'

import { sendCampaign } from '../../src/index'
import { rowsOf } from '../../src/utilities/db'
import {
  createCampaign,
  createList,
  messageCounts,
  seedSubscribers,
} from '../campaigns/campaignFixtures'
import { bootSendingApp, type SendingApp } from '../helpers/bootSendingApp'
import { type TsProcess } from '../helpers/tsProcess'
import { healthUrlOf, startWorkerProcess } from './workerProcess'
import { tables } from '../helpers/slugs'

let app: SendingApp
const audienceSize = 20_000
// Long enough that a loaded machine never times out a batch: a timed-out batch's outcome is unknown,
// so its rows rightly stay `sending` until their lease, which is not what this test is about.
const postmarkTimeoutMs = 15_000

beforeAll(async () => {
  app = await bootSendingApp({ latencyMs: 100, name: 'worker_shutdown' })
})

const workers: TsProcess[] = []

afterAll(async () => {
  for (const worker of workers) worker.child.kill('SIGKILL')
  await app?.shutdown()
})

const waitFor = async (
  condition: () => boolean | Promise<boolean>,
  timeoutMs: number,
  what: string,
) => {
  const deadline = Date.now() + timeoutMs
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

const campaignStatus = async (id: number) =>
  rowsOf<{ status: string }>(
    await app.payload.db.drizzle.execute(
      sql`SELECT status::text FROM ${tables.campaigns} WHERE id = ${id}`,
    ),
  )[0].status

it('SIGTERM mid-drain: the worker exits 0 within the Postmark timeout plus a second, leaves nothing `sending`, and another worker finishes exactly once', async () => {
  const listId = await createList(app.payload, 'Everyone')
  await seedSubscribers(app.payload, { count: audienceSize, listId, prefix: 'term' })
  const id = await createCampaign(app.payload, {
    audience: { lists: [listId] },
    name: 'Stopped mid-drain',
  })
  // One fan-out chunk now; the worker's campaign ticks fan out the rest.
  await sendCampaign(app.payload, id, { budgetMs: 0 })
  const env = {
    DATABASE_URL: app.databaseUrl,
    POSTMARK_API_URL: app.postmark.url,
    POSTMARK_TIMEOUT_MS: String(postmarkTimeoutMs),
  }

  const first = startWorkerProcess(env)
  workers.push(first)
  await first.ready
  await waitFor(
    () => app.postmark.accepted.length >= 3000,
    120_000,
    'the first worker to send 3,000 messages',
  )
  const signalledAt = Date.now()
  first.child.kill('SIGTERM')
  expect(await first.exited).toBe(0)
  expect(Date.now() - signalledAt).toBeLessThan(postmarkTimeoutMs + 1000)
  expect(first.output()).toContain('worker stopped')
  const atStop = await messageCounts(app.payload, id)
  expect(atStop.sending).toBeUndefined()
  expect(atStop.sent).toBe(app.postmark.accepted.length)
  expect(atStop.sent).toBeLessThan(audienceSize)

  const second = startWorkerProcess(env, ['--health-port', '0'])
  workers.push(second)
  await second.ready
  await waitFor(
    async () => (await campaignStatus(id)) === 'sent',
    240_000,
    'the second worker to finish the campaign',
  )
  expect((await fetch(healthUrlOf(second))).status).toBe(200)
  second.child.kill('SIGTERM')
  expect(await second.exited).toBe(0)

  const addresses = app.postmark.accepted.map((message) => message.To)
  expect(app.postmark.duplicates()).toEqual([])
  expect(addresses).toHaveLength(audienceSize)
  expect(new Set(addresses).size).toBe(audienceSize)
  expect(await messageCounts(app.payload, id)).toEqual({ sent: audienceSize })
  // No row waited out a lease: the first worker's batches finished and its unsent claims went back to `queued`.
  const retried = rowsOf<{ count: number }>(
    await app.payload.db.drizzle.execute(
      sql`SELECT count(*)::int AS count FROM ${tables.messages} WHERE attempts <> 1`,
    ),
  )
  expect(retried[0].count).toBe(0)
  for (const worker of [first, second]) expect(worker.output()).not.toMatch(/uncaught|unhandled/i)
}, 400_000)
