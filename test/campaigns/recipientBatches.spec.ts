import { sql } from '@payloadcms/db-postgres'

import { sendCampaign } from '../../src/campaigns/campaignActions'
import { eraseContact } from '../../src/privacy/eraseContact'
import { unsentCampaignEmailsOf } from '../../src/sending/recipients/unsentCampaignEmailsOf'
import { waitingRecipients } from '../../src/sending/recipients/recipientBatches'
import { campaignRecipientsTable } from '../../src/sending/recipients/recipientTables'
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

// Its own database: erasing contacts changes the audience other campaign tests count on.
let app: SendingApp
let listId: number
let contactIds: number[]
const audience = 1200

beforeAll(async () => {
  app = await bootSendingApp({ name: 'recipient_batches' })
  listId = await createList(app.payload, 'Batched readers')
  contactIds = await seedSubscribers(app.payload, { count: audience, listId, prefix: 'batched' })
})

afterAll(async () => {
  await app?.shutdown()
})

type Batch = { contacts: number[]; first: number; last: number }

const batchesOf = async (campaignId: number) =>
  rowsOf<Batch>(
    await app.payload.db.drizzle.execute(sql`
      SELECT first_contact_id AS first, last_contact_id AS last, contact_ids::int[] AS contacts
      FROM ${campaignRecipientsTable(app.payload)} WHERE campaign_id = ${campaignId} ORDER BY first_contact_id`),
  )

const waitingContacts = async (campaignId: number) =>
  rowsOf<{ contactId: number }>(
    await app.payload.db.drizzle.execute(sql`
      SELECT r.contact_id AS "contactId" FROM ${waitingRecipients(app.payload, sql`b.campaign_id = ${campaignId}`)}
      ORDER BY r.contact_id`),
  ).map((row) => row.contactId)

describe('campaign recipients written in batches', () => {
  it('writes one row per batch of contacts, in contact order, each bounded by its first and last contact', async () => {
    const id = await createCampaign(app.payload, { audience: { lists: [listId] }, name: 'Batches' })
    await sendCampaign(app.payload, id, { budgetMs: 60_000 })
    const batches = await batchesOf(id)
    expect(batches.map((batch) => batch.contacts.length)).toEqual([500, 500, 200])
    for (const batch of batches) {
      expect(batch.contacts).toEqual([...batch.contacts].sort((a, b) => a - b))
      expect([batch.first, batch.last]).toEqual([batch.contacts[0], batch.contacts.at(-1)])
    }
    expect(await waitingContacts(id)).toEqual([...contactIds].sort((a, b) => a - b))
    await sendToCompletion(app.payload, id)
    expect(await messageCounts(app.payload, id)).toEqual({ sent: audience })
    expect(await batchesOf(id)).toEqual([])
  })

  it('takes an erased contact out of its batch, leaving the rest of the batch waiting, and never sends to it', async () => {
    const id = await createCampaign(app.payload, {
      audience: { lists: [listId] },
      name: 'Erasure mid-batch',
    })
    await sendCampaign(app.payload, id, { budgetMs: 60_000 })
    const [first, second] = await batchesOf(id)
    // One from the middle of the first batch (its bounds stay), the first of the second (its lower bound moves).
    const middle = first.contacts[250]
    const lowest = second.contacts[0]
    const neighbour = first.contacts[251]
    const erasedAddresses = rowsOf<{ email: string }>(
      await app.payload.db.drizzle.execute(
        sql`SELECT email FROM ${tables.contacts} WHERE id IN (${middle}, ${lowest})`,
      ),
    ).map((row) => row.email)
    for (const contactId of [middle, lowest]) await eraseContact(app.payload, contactId)

    const batches = await batchesOf(id)
    expect(batches.map((batch) => batch.contacts.length)).toEqual([499, 499, 200])
    expect(batches[0]).toMatchObject({ first: first.first, last: first.last })
    expect(batches[1]).toMatchObject({ first: second.contacts[1], last: second.last })
    expect(await waitingContacts(id)).not.toEqual(expect.arrayContaining([middle]))
    expect(await unsentCampaignEmailsOf(app.payload, middle)).toEqual([])
    expect(await unsentCampaignEmailsOf(app.payload, neighbour)).toEqual([
      expect.objectContaining({ campaign: id, status: 'waiting' }),
    ])

    await sendToCompletion(app.payload, id)
    const accepted = app.postmark.accepted.filter(
      (message) => message.Metadata?.campaignId === String(id),
    )
    expect(accepted).toHaveLength(audience - 2)
    const sentTo = new Set(accepted.map((message) => message.To))
    expect(erasedAddresses.filter((address) => sentTo.has(address))).toEqual([])
    expect(erasedAddresses).toHaveLength(2)
    expect(app.postmark.duplicates()).toEqual([])
    expect(await messageCounts(app.payload, id)).toMatchObject({ sent: audience - 2 })
  })
})
