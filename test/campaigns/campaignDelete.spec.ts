import { sql } from '@payloadcms/db-postgres'

import { pauseCampaign, sendCampaign } from '../../src/campaigns/campaignActions'
import { claimMessages } from '../../src/sending/claimMessages'
import { deliverBatch } from '../../src/sending/deliverBatch'
import { mailerFor } from '../../src/sending/mailerFor'
import { campaignEnvelopesTable } from '../../src/sending/recipients/recipientTables'
import { waitingRecipients } from '../../src/sending/recipients/recipientBatches'
import { rowsOf } from '../../src/utilities/db'
import { createApiClient } from '../helpers/apiClient'
import { bootSendingApp, type SendingApp } from '../helpers/bootSendingApp'
import { slugs, tables } from '../helpers/slugs'
import { editorToken } from '../helpers/editorToken'
import { createCampaign, createList, seedSubscribers } from './campaignFixtures'

let app: SendingApp
let api: ReturnType<typeof createApiClient>
let token: string
let listId: number

beforeAll(async () => {
  app = await bootSendingApp({ cacheKey: 'default', name: 'campaign_delete' })
  api = createApiClient(app.config)
  token = await editorToken(app.payload)
  listId = await createList(app.payload, 'Readers')
  await seedSubscribers(app.payload, { count: 3, listId, prefix: 'deleted-campaign' })
})

afterAll(async () => {
  await app?.shutdown()
})

const count = async (query: ReturnType<typeof sql>) =>
  rowsOf<{ count: number }>(await app.payload.db.drizzle.execute(query))[0].count

const sendRows = async (id: number) => ({
  envelopes: await count(
    sql`SELECT count(*)::int AS count FROM ${campaignEnvelopesTable(app.payload)} WHERE campaign_id = ${id}`,
  ),
  recipients: await count(
    sql`SELECT count(*)::int AS count FROM ${waitingRecipients(app.payload, sql`b.campaign_id = ${id}`)}`,
  ),
})

const emailsOf = async (id: number) =>
  rowsOf<{ campaignId: null | number; status: string }>(
    await app.payload.db.drizzle.execute(sql`
      SELECT status::text, campaign_id AS "campaignId" FROM ${tables.messages}
      WHERE dedupe_key LIKE ${`campaign:${id}:%`} ORDER BY status`),
  )

describe('deleting a campaign', () => {
  it('is refused while it sends and while its last batch is with Postmark, then takes its send rows with it', async () => {
    const id = await createCampaign(app.payload, {
      audience: { lists: [listId] },
      name: 'Autumn news',
    })
    await sendCampaign(app.payload, id, { budgetMs: 60_000 })
    expect(await sendRows(id)).toEqual({ envelopes: 1, recipients: 3 })

    await expect(app.payload.delete({ collection: slugs.campaigns, id })).rejects.toThrow(
      'This campaign is sending and cannot be deleted. Pause or cancel it first',
    )
    const refused = await api.rest('DELETE', `/${slugs.campaigns}/${id}`, { token })
    expect(refused.status).toBe(409)
    expect(refused.body.errors[0].message).toContain('Pause or cancel it first')

    const claimed = await claimMessages(app.payload, { limit: 2, now: new Date() })
    expect(claimed).toHaveLength(2)
    await pauseCampaign(app.payload, id)
    await expect(app.payload.delete({ collection: slugs.campaigns, id })).rejects.toThrow(
      'being handed to Postmark right now',
    )
    expect(await app.payload.findByID({ collection: slugs.campaigns, id })).toMatchObject({
      status: 'paused',
    })

    await deliverBatch(app.payload, mailerFor(app.payload), claimed, { now: () => new Date() })
    await app.payload.delete({ collection: slugs.campaigns, id })
    expect(await sendRows(id)).toEqual({ envelopes: 0, recipients: 0 })
    // The sent emails stay in the log (and on the contacts' timelines); the held one will never go.
    expect(await emailsOf(id)).toEqual([
      { campaignId: null, status: 'cancelled' },
      { campaignId: null, status: 'sent' },
      { campaignId: null, status: 'sent' },
    ])
  })
})
