import { sql } from '@payloadcms/db-postgres'

import { campaignTick } from '../../src/campaigns/campaignTick'
import { CampaignTransitionError } from '../../src/index'
import {
  cancelCampaign,
  pauseCampaign,
  resumeCampaign,
  sendCampaign,
} from '../../src/campaigns/campaignActions'
import { drainOutbox } from '../../src/sending/drainOutbox'
import { outboxTick } from '../../src/sending/outboxTick'
import { claimMessages } from '../../src/sending/claimMessages'
import { mailerFor } from '../../src/sending/mailerFor'
import { recordBatchFailure } from '../../src/sending/recordOutcomes'
import { batchLeases } from '../../src/sending/batchLeases'
import { materialiseRecipients } from '../../src/sending/recipients/materialise'
import { bootSendingApp, type SendingApp } from '../helpers/bootSendingApp'
import {
  createCampaign,
  createList,
  messageCounts,
  seedSubscribers,
  sendToCompletion,
} from './campaignFixtures'
import { slugs, tableNames, tables } from '../helpers/slugs'

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

const acceptedFor = (campaignId: number) =>
  app.postmark.accepted.filter((message) => message.Metadata?.campaignId === String(campaignId))

describe('pausing, resuming and cancelling a campaign of 20,000', () => {
  it('pause stops sending within the tick in flight; resume finishes with no duplicates and none missing', async () => {
    const id = await createCampaign(app.payload, {
      audience: { lists: [listId] },
      name: 'Pause me',
    })
    // "Send now" writes one fan-out chunk and answers; the rest comes from campaign ticks, from the checkpoint.
    await sendCampaign(app.payload, id)
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
    expect(await app.payload.findByID({ collection: slugs.campaigns, id })).toMatchObject({
      fanOut: { phase: 'all' },
      status: 'paused',
    })

    await resumeCampaign(app.payload, id)
    await sendToCompletion(app.payload, id)
    const addresses = acceptedFor(id).map((message) => message.To)
    expect(addresses).toHaveLength(audienceSize)
    expect(new Set(addresses).size).toBe(audienceSize)
    const expected = Array.from(
      { length: audienceSize },
      (_, index) => `pause${index + 1}@example.com`,
    )
    expect(expected.filter((address) => !addresses.includes(address))).toEqual([])
    expect(app.postmark.duplicates()).toEqual([])
    expect(await messageCounts(app.payload, id)).toEqual({ sent: audienceSize })
    expect(await app.payload.findByID({ collection: slugs.campaigns, id })).toMatchObject({
      fanOut: { recipients: audienceSize },
      status: 'sent',
    })
  }, 400_000)

  it.each([
    ['resume', 'paused', 'sending', 'held', 'queued'],
    ['pause', 'sending', 'paused', 'queued', 'held'],
  ] as const)(
    'a retry racing a %s waits for it and follows its outcome',
    async (_, from, to, moved, expected) => {
      const id = await createCampaign(app.payload, {
        audience: { lists: [listId] },
        name: `Retry racing ${to}`,
      })
      await sendCampaign(app.payload, id, { budgetMs: 0 })
      const claimed = await claimMessages(app.payload, { limit: 500, now: new Date() })
      expect(claimed.filter((message) => message.campaignId === id)).toHaveLength(500)
      if (from === 'paused') await pauseCampaign(app.payload, id)
      // The rows the click moves, as outbox rows (pausing writes a campaign's waiting recipients as rows itself).
      await materialiseRecipients(app.payload, app.payload.db.drizzle, {
        status: 'queued',
        campaignId: id,
      })
      // The click's transaction, as pauseCampaign and resumeCampaign run it, held open while Postmark answers 503.
      const click = await app.payload.db.pool.connect()
      try {
        await click.query('BEGIN')
        await click.query(`UPDATE ${tableNames.campaigns} SET status = '${to}' WHERE id = $1`, [id])
        await click.query(
          `UPDATE ${tableNames.messages} SET status = '${expected}' WHERE campaign_id = $1 AND status = '${moved}'`,
          [id],
        )
        // What deliverBatch does with a failed call: the leased emails become `sending` rows, then the retry.
        const retry = batchLeases(app.payload)
          .asOutboxRows(claimed)
          .then(() =>
            recordBatchFailure(
              app.payload,
              claimed.map((message) => message.id),
              { error: 'HTTP 503', now: new Date(), outcome: 'notAccepted' },
            ),
          )
        await new Promise((resolve) => setTimeout(resolve, 300))
        await click.query('COMMIT')
        await retry
      } finally {
        click.release()
      }
      const counts = await messageCounts(app.payload, id)
      await cancelCampaign(app.payload, id)
      expect(counts).toEqual({ [expected]: 5000 })
    },
  )

  it('the campaign tick puts rows back in line with their campaign: held rows of a sending one, queued rows of a paused one', async () => {
    const sending = await createCampaign(app.payload, {
      audience: { lists: [listId] },
      name: 'Repair sending',
    })
    await sendCampaign(app.payload, sending, { budgetMs: 0 })
    const paused = await createCampaign(app.payload, {
      audience: { lists: [listId] },
      name: 'Repair paused',
    })
    await sendCampaign(app.payload, paused, { budgetMs: 0 })
    await pauseCampaign(app.payload, paused)
    await materialiseRecipients(app.payload, app.payload.db.drizzle, {
      status: 'queued',
      campaignId: sending,
    })
    // What an unlocked retry racing a resume or a pause used to leave behind.
    await app.payload.db.drizzle.execute(
      sql`UPDATE ${tables.messages} SET status = 'held' WHERE campaign_id = ${sending} AND id IN (SELECT id FROM ${tables.messages} WHERE campaign_id = ${sending} LIMIT 300)`,
    )
    await app.payload.db.drizzle.execute(
      sql`UPDATE ${tables.messages} SET status = 'queued' WHERE campaign_id = ${paused} AND id IN (SELECT id FROM ${tables.messages} WHERE campaign_id = ${paused} LIMIT 200)`,
    )

    const { repaired } = await campaignTick(app.payload, { budgetMs: 0 })
    expect(repaired).toEqual({ held: 200, requeued: 300 })
    // The tick also fans out the next chunk of the sending campaign; none of its rows is held any more.
    expect(await messageCounts(app.payload, sending)).toEqual({ queued: 10_000 })
    expect(await messageCounts(app.payload, paused)).toEqual({ held: 5000 })
    await cancelCampaign(app.payload, sending)
    await cancelCampaign(app.payload, paused)
  })

  it('cancel stops for good: remaining rows are cancelled and nothing brings them back', async () => {
    const id = await createCampaign(app.payload, {
      audience: { lists: [listId] },
      name: 'Cancel me',
    })
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
    expect(await app.payload.findByID({ collection: slugs.campaigns, id })).toMatchObject({
      status: 'cancelled',
    })
  })

  it.each([
    ['paused', pauseCampaign, 'held'],
    ['cancelled', cancelCampaign, 'cancelled'],
  ] as const)(
    'a batch in flight when the campaign is %s and answered with HTTP 500 is not requeued',
    async (_, act, expected) => {
      const id = await createCampaign(app.payload, {
        audience: { lists: [listId] },
        name: `In flight ${expected}`,
      })
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
    },
  )
})
