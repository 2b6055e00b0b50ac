import { drainOutbox } from '../../src/sending/drainOutbox'
import { enqueueMessages } from '../../src/sending/enqueueMessages'
import { bootSendingApp, broadcastInputs, type SendingApp } from '../helpers/bootSendingApp'
import { enqueueInChunks, statusCounts, withContacts } from '../helpers/outboxRows'
import { createOrder, createOrderTemplates } from './templates'

let app: SendingApp

beforeAll(async () => {
  app = await bootSendingApp({ latencyMs: 20, name: 'transactional_priority' })
  await createOrderTemplates(app.payload)
})

afterAll(async () => {
  await app?.shutdown()
})

const campaignSize = 10_000

it("accepts an order confirmation queued mid-campaign before the campaign's remaining messages", async () => {
  await enqueueInChunks(broadcastInputs(campaignSize), 5000, async (chunk) =>
    enqueueMessages(app.payload, await withContacts(app.payload, chunk)),
  )
  const draining = drainOutbox(app.payload, { budgetMs: 600_000 })
  while (app.postmark.accepted.length < 2000)
    await new Promise((resolve) => setTimeout(resolve, 10))

  const order = await createOrder(app.payload, 'shopper@example.com')
  const acceptedWhenQueued = app.postmark.accepted.length
  await draining

  const position = app.postmark.accepted.findIndex(
    (message) => message.To === 'shopper@example.com',
  )
  expect(app.postmark.accepted[position]).toMatchObject({
    MessageStream: 'outbound',
    Subject: `Order #${order.id} is confirmed`,
  })
  const campaignAfter = app.postmark.accepted
    .slice(position + 1)
    .filter((message) => message.MessageStream === 'broadcast').length
  // Only batches already claimed when the order came in (one per lane) may go ahead of it.
  const { batchSize, concurrency } = { batchSize: 500, concurrency: 4 }
  expect(position - acceptedWhenQueued).toBeLessThanOrEqual(batchSize * concurrency)
  expect(campaignAfter).toBeGreaterThan(
    campaignSize - acceptedWhenQueued - batchSize * concurrency - 1,
  )
  expect(await statusCounts(app.payload)).toEqual({ sent: campaignSize + 1 })
})
