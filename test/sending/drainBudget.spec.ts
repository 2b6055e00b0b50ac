import { sql } from '@payloadcms/db-postgres'

import { drainOutbox } from '../../src/sending/drainOutbox'
import { enqueueMessages } from '../../src/sending/enqueueMessages'
import { signalOutboxWork } from '../../src/sending/outboxSignal'
import { broadcastInputs, bootSendingApp, type SendingApp } from '../helpers/bootSendingApp'
import { statusCounts, withContacts } from '../helpers/outboxRows'
import { tables } from '../helpers/slugs'

// Once a year: no tick runs during the test, so whatever is sent was sent by a signal or a re-run.
const never = '0 0 0 1 1 *'

// One call in flight, batches of 10, and a lease long enough for a batch claimed ahead to wait a call out.
let app: SendingApp

beforeAll(async () => {
  app = await bootSendingApp({
    name: 'drain_budget',
    plugin: {
      automations: { cron: never },
      imports: { cron: never },
      scheduler: { campaignCron: never, enabled: true, outboxCron: never },
    },
    sending: { batchSize: 10, concurrency: 1, leaseSeconds: 30 },
  })
})

afterAll(async () => {
  await app?.shutdown()
})

beforeEach(async () => {
  await app.payload.db.drizzle.execute(sql`TRUNCATE ${tables.messages} CASCADE`)
  app.postmark.reset()
  app.postmark.setLatency(0)
})

const queue = async (count: number) =>
  enqueueMessages(app.payload, await withContacts(app.payload, broadcastInputs(count)))

it('says whether a drain stopped with batches still coming', async () => {
  await queue(30)
  expect(await drainOutbox(app.payload, { maxBatches: 1 })).toMatchObject({
    batches: 1,
    more: true,
  })
  expect(await drainOutbox(app.payload)).toMatchObject({ batches: 2, more: false })
  expect(await statusCounts(app.payload)).toEqual({ sent: 30 })
})

it('runs the outbox tick again at once when a drain spent its budget with mail still due', async () => {
  // A drain's budget is 10 s: at about 1 s per call, the first drain sends 10 or 11 batches of 12.
  await queue(120)
  app.postmark.setLatency(1000)
  const started = Date.now()
  signalOutboxWork(app.payload)
  const deadline = started + 25_000
  while ((await statusCounts(app.payload)).sent !== 120) {
    if (Date.now() > deadline) break
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  const seconds = (Date.now() - started) / 1000
  expect(await statusCounts(app.payload)).toEqual({ sent: 120 })
  expect(app.postmark.accepted).toHaveLength(120)
  expect(app.postmark.duplicates()).toEqual([])
  // Past one drain's budget, so a second drain sent the rest (the outbox cron never fires).
  expect(seconds).toBeGreaterThan(10)
}, 40_000)
