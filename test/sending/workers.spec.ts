import { sql } from '@payloadcms/db-postgres'

import { enqueueMessages } from '../../src/sending/enqueueMessages'
import { broadcastInputs, bootSendingApp, type SendingApp } from '../helpers/bootSendingApp'
import { enqueueInChunks, statusCounts, withContacts } from '../helpers/outboxRows'
import { startWorker } from './workerProcesses'
import { tables } from '../helpers/slugs'

let app: SendingApp
const total = 10_000
const latencyMs = 100

beforeAll(async () => {
  app = await bootSendingApp({ latencyMs, name: 'workers' })
})

afterAll(async () => {
  await app?.shutdown()
})

beforeEach(async () => {
  await app.payload.db.drizzle.execute(sql`TRUNCATE ${tables.messages} CASCADE`)
  app.postmark.reset()
  app.postmark.setLatency(latencyMs)
  await enqueueInChunks(broadcastInputs(total), 5000, async (chunk) =>
    enqueueMessages(app.payload, await withContacts(app.payload, chunk)),
  )
})

const workerEnv = () => ({ DATABASE_URL: app.databaseUrl, POSTMARK_API_URL: app.postmark.url })

const expectEveryMessageAcceptedOnce = async () => {
  const acceptedIds = new Set(app.postmark.accepted.map((message) => message.Metadata?.messageId))
  expect(app.postmark.duplicates()).toEqual([])
  expect(app.postmark.accepted).toHaveLength(total)
  expect(acceptedIds.size).toBe(total)
  expect(await statusCounts(app.payload)).toEqual({ sent: total })
}

it('loses and duplicates nothing when a worker is killed with SIGKILL five times mid-drain', async () => {
  let killedWhileSending = 0
  for (let kill = 0; kill < 5; kill++) {
    // One lane at 100 ms per call: about 3,000 messages a second, so each kill lands mid-drain.
    const worker = startWorker({ ...workerEnv(), WORKER_CONCURRENCY: '1' })
    await worker.ready
    const acceptedBefore = app.postmark.accepted.length
    let exited = false
    void worker.exited.then(() => (exited = true))
    while (!exited && app.postmark.accepted.length === acceptedBefore) {
      await new Promise((resolve) => setTimeout(resolve, 5))
    }
    await new Promise((resolve) => setTimeout(resolve, Math.random() * 400))
    worker.child.kill('SIGKILL')
    await worker.exited
    if ((await statusCounts(app.payload)).sending) killedWhileSending += 1
  }
  expect(killedWhileSending).toBeGreaterThanOrEqual(3)
  expect(app.postmark.accepted.length).toBeLessThan(total)

  // The kills above are the test; the last worker reconciles what they left with one Postmark search per
  // message, which at 100 ms each would take a minute.
  app.postmark.setLatency(0)
  const last = startWorker(workerEnv())
  expect(await last.exited).toBe(0)
  await expectEveryMessageAcceptedOnce()
}, 300_000)

it('two worker processes drain one outbox together without duplicates or gaps', async () => {
  const workers = [startWorker(workerEnv()), startWorker(workerEnv())]
  expect(await Promise.all(workers.map((worker) => worker.exited))).toEqual([0, 0])
  await expectEveryMessageAcceptedOnce()
  const byWorkerBatch = new Set(
    app.postmark.requests
      .filter((request) => request.path === '/email/batch')
      .map((request) => request.batchSize),
  )
  expect(byWorkerBatch.size).toBeGreaterThan(0)
}, 300_000)
