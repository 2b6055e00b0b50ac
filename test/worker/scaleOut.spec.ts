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
import { tables } from '../helpers/slugs'
import { type TsProcess } from '../helpers/tsProcess'
import { startWorkerProcess } from './workerProcess'

let app: SendingApp
const audienceSize = 50_000
const workers: TsProcess[] = []

beforeAll(async () => {
  // This process is the web process: scheduler off, it only starts the campaign.
  app = await bootSendingApp({ latencyMs: 50, name: 'scale_out' })
})

afterAll(async () => {
  for (const worker of workers) worker.child.kill('SIGKILL')
  await app?.shutdown()
})

const campaignStatus = async (id: number) =>
  rowsOf<{ status: string }>(
    await app.payload.db.drizzle.execute(
      sql`SELECT status::text FROM ${tables.campaigns} WHERE id = ${id}`,
    ),
  )[0].status

it('one web process and two sender processes drain a 50,000-recipient campaign exactly once', async () => {
  const listId = await createList(app.payload, 'Everyone')
  const contactIds = await seedSubscribers(app.payload, {
    count: audienceSize,
    listId,
    prefix: 'scale',
  })
  const id = await createCampaign(app.payload, { audience: { lists: [listId] }, name: 'Big one' })
  const env = {
    DATABASE_URL: app.databaseUrl,
    POSTMARK_API_URL: app.postmark.url,
    POSTMARK_TIMEOUT_MS: '15000',
  }
  workers.push(startWorkerProcess(env), startWorkerProcess(env))
  await Promise.all(workers.map((worker) => worker.ready))
  // The web process writes the first fan-out chunk; the senders' campaign ticks fan out the rest.
  await sendCampaign(app.payload, id, { budgetMs: 0 })

  const deadline = Date.now() + 540_000
  while ((await campaignStatus(id)) !== 'sent') {
    if (Date.now() > deadline)
      throw new Error(`Not sent in time: ${JSON.stringify(await messageCounts(app.payload, id))}`)
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  for (const worker of workers) worker.child.kill('SIGTERM')
  expect(await Promise.all(workers.map((worker) => worker.exited))).toEqual([0, 0])

  expect(await messageCounts(app.payload, id)).toEqual({ sent: audienceSize })
  expect(app.postmark.duplicates()).toEqual([])
  const accepted = app.postmark.accepted.filter(
    (message) => message.Metadata?.campaignId === String(id),
  )
  expect(accepted).toHaveLength(audienceSize)
  const recipients = new Set(accepted.map((message) => message.To))
  expect(recipients.size).toBe(audienceSize)
  const [{ count }] = rowsOf<{ count: number }>(
    await app.payload.db.drizzle.execute(sql`
      SELECT count(DISTINCT contact_id)::int AS count FROM ${tables.messages}
      WHERE campaign_id = ${id} AND contact_id BETWEEN ${contactIds[0]} AND ${contactIds.at(-1)!}`),
  )
  expect(count).toBe(audienceSize)
}, 600_000)
