import { campaignTick } from '../../src/campaigns/campaignTick'
import { outboxTick } from '../../src/sending/outboxTick'
import { pauseCampaign, resumeCampaign, sendCampaign } from '../../src/campaigns/campaignActions'
import { bootSendingApp, type SendingApp } from '../helpers/bootSendingApp'
import {
  createCampaign,
  createList,
  messageCounts,
  seedSubscribers,
  sendToCompletion,
} from './campaignFixtures'
import { slugs } from '../helpers/slugs'

let app: SendingApp
let listId: number
const audienceSize = 14_000

beforeAll(async () => {
  // Leases outlast any batch here: the race under test is the retry path against the clicks, not a lease running out mid-batch.
  app = await bootSendingApp({
    latencyMs: 60,
    name: 'campaign_pause_race',
    sending: { leaseSeconds: 120 },
  })
  listId = await createList(app.payload, 'Everyone')
  await seedSubscribers(app.payload, { count: audienceSize, listId, prefix: 'race' })
})

afterAll(async () => {
  await app?.shutdown()
})

const waitFor = async (condition: () => boolean) => {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5))
}

const acceptedFor = (campaignId: number) =>
  app.postmark.accepted.filter((message) => message.Metadata?.campaignId === String(campaignId))

describe('pause and resume racing retries', () => {
  it('20 pauses and resumes racing HTTP 503 answers: every message accepted exactly once and the campaign ends sent', async () => {
    const id = await createCampaign(app.payload, { audience: { lists: [listId] }, name: 'Race me' })
    // Two hours ahead: rows put back with backoff (at most an hour) are due again at once.
    const clock = () => new Date(Date.now() + 2 * 3600_000)
    await sendCampaign(app.payload, id, { budgetMs: 0 })
    let stopped = false
    // Two scheduler loops, as two processes would run them: fan-out, repair and delivery race the clicks below.
    const scheduler = async () => {
      while (!stopped) {
        await campaignTick(app.payload, { now: clock() })
        const drained = await outboxTick(app.payload, { budgetMs: 1000, now: clock })
        if (drained.batches === 0) await new Promise((resolve) => setTimeout(resolve, 10))
      }
    }
    const loops = [scheduler(), scheduler()]
    const faultsBefore = app.postmark.requests.filter((request) => request.status === 503).length
    for (let round = 1; round <= 20; round += 1) {
      app.postmark.inject({ kind: 'status', path: '/email/batch', status: 503 })
      await waitFor(() => acceptedFor(id).length >= round * 600)
      await pauseCampaign(app.payload, id)
      await new Promise((resolve) => setTimeout(resolve, round % 4 === 0 ? 150 : 20))
      await resumeCampaign(app.payload, id)
    }
    stopped = true
    await Promise.all(loops)
    await sendToCompletion(app.payload, id, { now: clock })

    expect(
      app.postmark.requests.filter((request) => request.status === 503).length - faultsBefore,
    ).toBeGreaterThanOrEqual(20)
    const addresses = acceptedFor(id).map((message) => message.To)
    expect(addresses).toHaveLength(audienceSize)
    expect(new Set(addresses).size).toBe(audienceSize)
    expect(app.postmark.duplicates()).toEqual([])
    expect(await messageCounts(app.payload, id)).toEqual({ sent: audienceSize })
    expect(await app.payload.findByID({ collection: slugs.campaigns, id })).toMatchObject({
      status: 'sent',
    })
  }, 400_000)
})
