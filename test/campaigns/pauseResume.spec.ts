import { campaignTick } from '../../src/campaigns/campaignTick'
import { cancelCampaign, CampaignTransitionError, drainOutbox, outboxTick, pauseCampaign, resumeCampaign, sendCampaign } from '../../src/index'
import { mailerFor } from '../../src/sending/mailerFor'
import { bootSendingApp, type SendingApp } from '../helpers/bootSendingApp'
import { createCampaign, createList, messageCounts, seedSubscribers, sendToCompletion } from './campaignFixtures'

let app: SendingApp
let listId: number
const audienceSize = 20_000

beforeAll(async () => {
  app = await bootSendingApp({ latencyMs: 20, name: 'campaign_pause' })
  listId = await createList(app.payload, 'Everyone')
  await seedSubscribers(app.payload, { count: audienceSize, listId, prefix: 'pause' })
})

afterAll(async () => {
  await app?.shutdown()
})

const waitFor = async (condition: () => boolean) => {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5))
}

const acceptedFor = (campaignId: number) => app.postmark.accepted.filter((message) => message.Metadata?.campaignId === String(campaignId))

describe('pausing, resuming and cancelling a campaign of 20,000', () => {
  it('pause stops sending within the tick in flight; resume finishes with no duplicates and none missing', async () => {
    const id = await createCampaign(app.payload, { audience: { lists: [listId] }, name: 'Pause me' })
    // One fan-out chunk now; the rest comes from campaign ticks, from the checkpoint.
    await sendCampaign(app.payload, id, { budgetMs: 0 })
    expect((await messageCounts(app.payload, id)).queued).toBe(5000)

    const inFlight = outboxTick(app.payload)
    await waitFor(() => acceptedFor(id).length >= 1000)
    await pauseCampaign(app.payload, id)
    await inFlight
    const atPause = acceptedFor(id).length
    expect(atPause).toBeLessThan(5000)

    await campaignTick(app.payload)
    await outboxTick(app.payload)
    expect(acceptedFor(id).length).toBe(atPause)
    const paused = await messageCounts(app.payload, id)
    expect(paused.queued).toBeUndefined()
    expect(paused.held).toBeGreaterThan(0)
    // Rows whose batch call timed out on a busy machine stay `sending` until reconciled; none is lost.
    expect((paused.held ?? 0) + (paused.sending ?? 0) + (paused.sent ?? 0)).toBe(5000)
    expect(await app.payload.findByID({ collection: 'campaigns', id })).toMatchObject({ fanOut: { phase: 'all' }, status: 'paused' })

    await resumeCampaign(app.payload, id)
    await sendToCompletion(app.payload, id)
    const addresses = acceptedFor(id).map((message) => message.To)
    expect(addresses).toHaveLength(audienceSize)
    expect(new Set(addresses).size).toBe(audienceSize)
    const expected = Array.from({ length: audienceSize }, (_, index) => `pause${index + 1}@example.com`)
    expect(expected.filter((address) => !addresses.includes(address))).toEqual([])
    expect(app.postmark.duplicates()).toEqual([])
    expect(await messageCounts(app.payload, id)).toEqual({ sent: audienceSize })
    expect(await app.payload.findByID({ collection: 'campaigns', id })).toMatchObject({ fanOut: { recipients: audienceSize }, status: 'sent' })
  }, 400_000)

  it('cancel stops for good: remaining rows are cancelled and nothing brings them back', async () => {
    const id = await createCampaign(app.payload, { audience: { lists: [listId] }, name: 'Cancel me' })
    await sendCampaign(app.payload, id, { budgetMs: 0 })
    await drainOutbox(app.payload, { maxBatches: 2 })
    const before = acceptedFor(id).length
    expect(before).toBe(1000)

    const { cancelled } = await cancelCampaign(app.payload, id)
    expect(cancelled).toBe(4000)
    for (let round = 0; round < 3; round += 1) {
      await campaignTick(app.payload)
      await outboxTick(app.payload)
    }
    expect(acceptedFor(id).length).toBe(before)
    expect(await messageCounts(app.payload, id)).toEqual({ cancelled: 4000, sent: 1000 })
    await expect(resumeCampaign(app.payload, id)).rejects.toBeInstanceOf(CampaignTransitionError)
    await expect(sendCampaign(app.payload, id)).rejects.toBeInstanceOf(CampaignTransitionError)
    expect(await app.payload.findByID({ collection: 'campaigns', id })).toMatchObject({ status: 'cancelled' })
  })

  it.each([
    ['paused', pauseCampaign, 'held'],
    ['cancelled', cancelCampaign, 'cancelled'],
  ] as const)('a batch in flight when the campaign is %s and answered with HTTP 500 is not requeued', async (_, act, expected) => {
    const id = await createCampaign(app.payload, { audience: { lists: [listId] }, name: `In flight ${expected}` })
    await sendCampaign(app.payload, id, { budgetMs: 0 })
    const postmark = mailerFor(app.payload)
    // The editor's click lands while the call is on its way; Postmark answers that call with a 500.
    const mailer = {
      ...postmark,
      sendBatch: async (messages: Parameters<typeof postmark.sendBatch>[0]) => {
        await act(app.payload, id)
        app.postmark.inject({ kind: 'status', path: '/email/batch', status: 500 })
        return postmark.sendBatch(messages)
      },
    }
    await drainOutbox(app.payload, { mailer, maxBatches: 1 })
    expect(acceptedFor(id)).toHaveLength(0)
    expect(await messageCounts(app.payload, id)).toEqual({ [expected]: 5000 })
    await outboxTick(app.payload)
    expect(acceptedFor(id)).toHaveLength(0)
  })
})
