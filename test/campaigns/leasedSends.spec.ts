import { sql } from '@payloadcms/db-postgres'

import type { Mailer } from '../../src/sending/mailer'

import { sendLeasesTable } from '../../src/sending/recipients/recipientTables'
import { waitingRecipients } from '../../src/sending/recipients/recipientBatches'
import { campaignStats } from '../../src/campaigns/campaignStats'
import {
  cancelCampaign,
  pauseCampaign,
  resumeCampaign,
  sendCampaign,
} from '../../src/campaigns/campaignActions'
import { claimMessages } from '../../src/sending/claimMessages'
import { deliverBatch } from '../../src/sending/deliverBatch'
import { drainOutbox } from '../../src/sending/drainOutbox'
import { mailerFor } from '../../src/sending/mailerFor'
import { outboxTick } from '../../src/sending/outboxTick'
import { releaseClaims } from '../../src/sending/releaseClaims'
import { rowsOf } from '../../src/utilities/db'
import { bootSendingApp, type SendingApp } from '../helpers/bootSendingApp'
import { tables } from '../helpers/slugs'
import {
  createCampaign,
  createList,
  messageCounts,
  seedSubscribers,
  sendToCompletion,
} from './campaignFixtures'

let app: SendingApp
let listId: number
const audience = 1200

beforeAll(async () => {
  app = await bootSendingApp({ name: 'campaign_leases' })
  listId = await createList(app.payload, 'Leased readers')
  await seedSubscribers(app.payload, { count: audience, listId, prefix: 'leased' })
})

afterAll(async () => {
  await app?.shutdown()
})

const later = (seconds: number) => () => new Date(Date.now() + seconds * 1000)

const acceptedFor = (campaignId: number) =>
  app.postmark.accepted.filter((message) => message.Metadata?.campaignId === String(campaignId))

const outboxRows = async (campaignId: number) =>
  rowsOf<{ id: number; postmarkMessageId: null | string; status: string; toAddress: string }>(
    await app.payload.db.drizzle.execute(sql`
      SELECT id, status::text, postmark_message_id AS "postmarkMessageId", to_address AS "toAddress"
      FROM ${tables.messages} WHERE campaign_id = ${campaignId} ORDER BY id`),
  )

const waiting = async (campaignId: number) =>
  rowsOf<{ count: number }>(
    await app.payload.db.drizzle.execute(
      sql`SELECT count(*)::int AS count FROM ${waitingRecipients(app.payload, sql`b.campaign_id = ${campaignId}`)}`,
    ),
  )[0].count

const leases = async () =>
  rowsOf<{ count: number }>(
    await app.payload.db.drizzle.execute(
      sql`SELECT count(*)::int AS count FROM ${sendLeasesTable(app.payload)}`,
    ),
  )[0].count

/** A sender that dies right after Postmark accepted its batch, before anything is recorded. */
const dyingAfterAccept = (mailer: Mailer): Mailer => ({
  ...mailer,
  sendBatch: async (messages) => {
    await mailer.sendBatch(messages)
    throw new Error('the sending process died')
  },
})

/** Reconciler passes (200 rows each) until nothing is left to settle. */
const reconcileAll = async (now: () => Date) => {
  const total = { requeued: 0, sent: 0 }
  for (;;) {
    const { reconciled } = await outboxTick(app.payload, { maxBatches: 0, now })
    if (reconciled.requeued + reconciled.sent === 0) return total
    total.requeued += reconciled.requeued
    total.sent += reconciled.sent
  }
}

const fannedOut = async (name: string) => {
  const id = await createCampaign(app.payload, { audience: { lists: [listId] }, name })
  await sendCampaign(app.payload, id, { budgetMs: 60_000 })
  return id
}

describe('campaign emails leased by batch and written once Postmark answers', () => {
  it('writes no outbox row before the answer, then one row per email, sent with the id Postmark was given', async () => {
    const id = await fannedOut('Written at the answer')
    expect(await waiting(id)).toBe(audience)
    expect(await outboxRows(id)).toEqual([])

    await drainOutbox(app.payload, { maxBatches: 1 })
    expect(await waiting(id)).toBe(audience - 500)
    expect(await leases()).toBe(0)
    const rows = await outboxRows(id)
    expect(rows).toHaveLength(500)
    expect(new Set(rows.map((row) => row.status))).toEqual(new Set(['sent']))
    const byMessageId = new Map(acceptedFor(id).map((sent) => [sent.Metadata?.messageId, sent]))
    for (const row of rows) {
      expect(byMessageId.get(String(row.id))).toMatchObject({
        MessageID: row.postmarkMessageId,
        To: row.toAddress,
      })
    }

    await sendToCompletion(app.payload, id)
    expect(await messageCounts(app.payload, id)).toEqual({ sent: audience })
    expect(acceptedFor(id)).toHaveLength(audience)
    expect(app.postmark.duplicates()).toEqual([])
    expect(await campaignStats(app.payload, id)).toMatchObject({ pending: 0, sent: audience })
  })

  it('keeps a row that exists already for a leased email and writes the rest of its batch', async () => {
    const id = await fannedOut('A row exists already')
    const [first] = rowsOf<{ contactId: number; email: string }>(
      await app.payload.db.drizzle.execute(sql`
        SELECT r.contact_id AS "contactId", c.email FROM ${waitingRecipients(app.payload)}
        JOIN ${tables.contacts} c ON c.id = r.contact_id
        WHERE r.campaign_id = ${id} ORDER BY r.contact_id LIMIT 1`),
    )
    const [existing] = rowsOf<{ id: number }>(
      await app.payload.db.drizzle.execute(sql`
        INSERT INTO ${tables.messages} (kind, status, stream, contact_id, to_address, from_address, subject, dedupe_key,
          campaign_id, created_at, updated_at)
        VALUES ('campaign', 'sent', 'broadcast', ${first.contactId}, ${first.email}, 'news@example.com', 'Earlier',
          ${`campaign:${id}:${first.contactId}`}, ${id}, now(), now())
        RETURNING id`),
    )

    const sent = await drainOutbox(app.payload, { maxBatches: 1 })
    expect(sent).toMatchObject({ accepted: 500, batches: 1 })
    expect(await leases()).toBe(0)
    expect(await waiting(id)).toBe(audience - 500)
    const rows = await outboxRows(id)
    expect(rows).toHaveLength(500)
    expect(rows.find((row) => row.id === existing.id)).toMatchObject({ postmarkMessageId: null })
    expect(rows.filter((row) => row.postmarkMessageId !== null)).toHaveLength(499)

    await sendToCompletion(app.payload, id)
    expect(await outboxRows(id)).toHaveLength(audience)
    expect(app.postmark.duplicates()).toEqual([])
  })

  it('finds a batch Postmark accepted before its sender died, once the lease ends, and sends none of it again', async () => {
    const id = await fannedOut('Sender dies after the call')
    const claimed = await claimMessages(app.payload, { limit: 500, now: new Date() })
    expect(claimed).toHaveLength(500)
    await expect(
      deliverBatch(app.payload, dyingAfterAccept(mailerFor(app.payload)), claimed, {
        now: () => new Date(),
      }),
    ).rejects.toThrow('the sending process died')
    expect(acceptedFor(id)).toHaveLength(500)
    expect(await leases()).toBe(1)
    expect(await messageCounts(app.payload, id)).toEqual({ queued: 700, sending: 500 })

    // Within the lease nothing happens to the batch; after it, the reconciler finds every email in Postmark.
    await outboxTick(app.payload, { maxBatches: 0 })
    expect(await leases()).toBe(1)
    expect(await reconcileAll(later(10))).toEqual({ requeued: 0, sent: 500 })
    expect(await leases()).toBe(0)

    await sendToCompletion(app.payload, id)
    expect(acceptedFor(id)).toHaveLength(audience)
    expect(app.postmark.duplicates()).toEqual([])
    expect(await messageCounts(app.payload, id)).toEqual({ sent: audience })
    const rows = await outboxRows(id)
    const byMessageId = new Map(acceptedFor(id).map((sent) => [sent.Metadata?.messageId, sent]))
    expect(
      rows.every((row) => byMessageId.get(String(row.id))?.MessageID === row.postmarkMessageId),
    ).toBe(true)
  })

  it('sends a batch whose sender died before calling Postmark once its lease ends, exactly once', async () => {
    const id = await fannedOut('Sender dies before the call')
    expect(await claimMessages(app.payload, { limit: 500, now: new Date() })).toHaveLength(500)
    expect(await reconcileAll(later(10))).toEqual({ requeued: 500, sent: 0 })
    expect(await messageCounts(app.payload, id)).toEqual({ queued: audience })

    await sendToCompletion(app.payload, id, { now: later(10) })
    expect(acceptedFor(id)).toHaveLength(audience)
    expect(app.postmark.duplicates()).toEqual([])
    expect(await campaignStats(app.payload, id)).toMatchObject({ pending: 0, sent: audience })
  })

  it('asks Postmark before resending a leased batch whose call dropped, and retries one it refused', async () => {
    const id = await fannedOut('Dropped and refused')
    app.postmark.inject({ kind: 'drop', times: 1 })
    await drainOutbox(app.payload, { maxBatches: 1 })
    expect(await messageCounts(app.payload, id)).toEqual({ queued: 700, sending: 500 })
    expect(await leases()).toBe(0)

    app.postmark.inject({ kind: 'status', status: 503, times: 1 })
    await drainOutbox(app.payload, { maxBatches: 1 })
    expect(await messageCounts(app.payload, id)).toEqual({ queued: 700, sending: 500 })
    app.postmark.clearFaults()

    await sendToCompletion(app.payload, id, { now: later(3600) })
    expect(acceptedFor(id)).toHaveLength(audience)
    expect(app.postmark.duplicates()).toEqual([])
    expect(await messageCounts(app.payload, id)).toEqual({ sent: audience })
  })

  it('leases part of a batch, writing the rest back, and fills a claim from the next batch', async () => {
    const id = await fannedOut('Split batches')
    const contactsOf = (claimed: { campaignId?: null | number; contactId?: null | number }[]) =>
      claimed.filter((message) => message.campaignId === id).map((message) => message.contactId)
    const first = await claimMessages(app.payload, { limit: 300, now: new Date() })
    expect(contactsOf(first)).toHaveLength(300)
    expect(await waiting(id)).toBe(audience - 300)
    // The 200 written back and 300 of the next batch, in two leases.
    const second = await claimMessages(app.payload, { limit: 500, now: new Date() })
    expect(contactsOf(second)).toHaveLength(500)
    expect(
      new Set(
        second.filter((message) => message.campaignId === id).map((message) => message.leaseId),
      ).size,
    ).toBe(2)
    const taken = [...contactsOf(first), ...contactsOf(second)]
    expect(new Set(taken).size).toBe(800)
    expect(await waiting(id)).toBe(audience - 800)
    await releaseClaims(app.payload, [...first, ...second])
    expect(await waiting(id)).toBe(audience)
    await sendToCompletion(app.payload, id)
    expect(acceptedFor(id)).toHaveLength(audience)
    expect(app.postmark.duplicates()).toEqual([])
  })

  it('gives recipients back to a campaign paused meanwhile as held emails, sent once it resumes', async () => {
    const id = await fannedOut('Paused while leased')
    const claimed = await claimMessages(app.payload, { limit: 500, now: new Date() })
    await pauseCampaign(app.payload, id)
    expect(await messageCounts(app.payload, id)).toEqual({ held: audience - 500, sending: 500 })
    await releaseClaims(app.payload, claimed)
    expect(await messageCounts(app.payload, id)).toEqual({ held: audience })
    await resumeCampaign(app.payload, id)
    await sendToCompletion(app.payload, id)
    expect(acceptedFor(id)).toHaveLength(audience)
    expect(app.postmark.duplicates()).toEqual([])
  })

  it('gives recipients back to a campaign cancelled meanwhile as cancelled emails', async () => {
    const id = await fannedOut('Cancelled while leased')
    const claimed = await claimMessages(app.payload, { limit: 500, now: new Date() })
    await cancelCampaign(app.payload, id)
    await releaseClaims(app.payload, claimed)
    expect(await messageCounts(app.payload, id)).toEqual({ cancelled: audience })
    expect((await campaignStats(app.payload, id)).pending).toBe(0)
    expect(acceptedFor(id)).toHaveLength(0)
  })

  it('gives leased recipients back when a sender stops before sending them', async () => {
    const id = await fannedOut('Handed back')
    const claimed = await claimMessages(app.payload, { limit: 500, now: new Date() })
    expect(await waiting(id)).toBe(audience - 500)
    await releaseClaims(app.payload, claimed)
    expect(await leases()).toBe(0)
    expect(await waiting(id)).toBe(audience)
    await sendToCompletion(app.payload, id)
    expect(acceptedFor(id)).toHaveLength(audience)
    expect(app.postmark.duplicates()).toEqual([])
    expect(await messageCounts(app.payload, id)).toEqual({ sent: audience })
  })
})
