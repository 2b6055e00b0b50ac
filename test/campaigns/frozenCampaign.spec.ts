import { sql } from '@payloadcms/db-postgres'

import { campaignTick } from '../../src/campaigns/campaignTick'
import {
  pauseCampaign,
  resumeCampaign,
  scheduleCampaign,
  sendCampaign,
  unscheduleCampaign,
} from '../../src/campaigns/campaignActions'
import { createApiClient } from '../helpers/apiClient'
import { bootSendingApp, type SendingApp } from '../helpers/bootSendingApp'
import {
  createCampaign,
  createList,
  messageCounts,
  paragraph,
  seedSubscribers,
  sendToCompletion,
} from './campaignFixtures'
import { relsColumnOf, relsTableOf } from '../../src/utilities/tables'
import { slugs, tables } from '../helpers/slugs'
import { editorToken } from '../helpers/editorToken'

let app: SendingApp
let api: ReturnType<typeof createApiClient>
let token: string
let listId: number
let otherList: number

beforeAll(async () => {
  app = await bootSendingApp({ cacheKey: 'default', name: 'campaign_frozen' })
  api = createApiClient(app.config)
  token = await editorToken(app.payload)
  listId = await createList(app.payload, 'Readers')
  otherList = await createList(app.payload, 'Others')
  await seedSubscribers(app.payload, { count: 20, listId, prefix: 'frozen' })
  await seedSubscribers(app.payload, { count: 7, listId: otherList, prefix: 'outsider' })
})

afterAll(async () => {
  await app?.shutdown()
})

const inAnHour = () => new Date(Date.now() + 3_600_000)

/** A campaign in each status that is no longer a draft. */
const campaignIn = async (status: 'paused' | 'scheduled' | 'sending' | 'sent'): Promise<number> => {
  const id = await createCampaign(app.payload, {
    audience: { lists: [listId] },
    name: `Frozen ${status}`,
  })
  if (status === 'scheduled') {
    await scheduleCampaign(app.payload, id, inAnHour())
    return id
  }
  await sendCampaign(app.payload, id, { budgetMs: 0 })
  if (status === 'paused') await pauseCampaign(app.payload, id)
  if (status === 'sent') await sendToCompletion(app.payload, id)
  return id
}

const patches = (): Record<string, unknown>[] => [
  { subject: 'A new subject' },
  { content: paragraph('Different words') },
  { audience: { lists: [listId, otherList] } },
]

describe('a campaign that left draft is frozen', () => {
  it.each(['scheduled', 'sending', 'paused', 'sent'] as const)(
    'PATCH of subject, content or audience on a %s campaign is a 400 naming the field',
    async (status) => {
      const id = await campaignIn(status)
      const before = await app.payload.findByID({ collection: slugs.campaigns, depth: 0, id })
      for (const patch of patches()) {
        const field = Object.keys(patch)[0]
        const response = await api.rest('PATCH', `/${slugs.campaigns}/${id}`, {
          body: patch,
          token,
        })
        expect(response.status).toBe(400)
        expect(response.body.errors[0].data.errors).toEqual([
          expect.objectContaining({
            message: expect.stringContaining(
              `"${field}" cannot change once the campaign is ${status}`,
            ),
            path: field,
          }),
        ])
        await expect(
          app.payload.update({ collection: slugs.campaigns, data: patch as never, id }),
        ).rejects.toMatchObject({ status: 400 })
      }
      const after = await app.payload.findByID({ collection: slugs.campaigns, depth: 0, id })
      expect({ audience: after.audience, content: after.content, subject: after.subject }).toEqual({
        audience: before.audience,
        content: before.content,
        subject: before.subject,
      })
      const renamed = await api.rest('PATCH', `/${slugs.campaigns}/${id}`, {
        body: { name: `Renamed ${status}` },
        token,
      })
      expect(renamed.status).toBe(200)
    },
  )

  it('a PATCH that repeats the stored values is no change, and unscheduling makes the campaign editable again', async () => {
    const id = await campaignIn('scheduled')
    const stored = await app.payload.findByID({ collection: slugs.campaigns, depth: 0, id })
    // As the admin's save does: every field, unchanged, plus a new name.
    const {
      createdAt: _c,
      id: _i,
      updatedAt: _u,
      ...whole
    } = stored as unknown as Record<string, unknown>
    const same = await api.rest('PATCH', `/${slugs.campaigns}/${id}`, {
      body: { ...whole, name: 'Renamed while scheduled' },
      token,
    })
    expect(same.status).toBe(200)
    await unscheduleCampaign(app.payload, id)
    const edited = await api.rest('PATCH', `/${slugs.campaigns}/${id}`, {
      body: { audienceSnapshot: { lists: [otherList] }, subject: 'Edited after unscheduling' },
      token,
    })
    expect(edited.status).toBe(200)
    expect(edited.body.doc).toMatchObject({ status: 'draft', subject: 'Edited after unscheduling' })
    // The snapshot is the send machinery's: an API write leaves it alone.
    expect(edited.body.doc.audienceSnapshot ?? null).toBeNull()
  })

  it('the fan-out works from the audience as it was when sending started', async () => {
    const id = await createCampaign(app.payload, {
      audience: { lists: [listId] },
      name: 'Snapshot',
    })
    await sendCampaign(app.payload, id, { budgetMs: 0 })
    await pauseCampaign(app.payload, id)
    // Past every guard: the stored audience gains a list while the campaign is paused.
    await app.payload.db.drizzle.execute(sql`
      INSERT INTO ${relsTableOf(app.payload, slugs.campaigns)} ("order", parent_id, path, ${relsColumnOf(app.payload, slugs.campaigns, slugs.lists)})
      VALUES (2, ${id}, 'audience.lists', ${otherList})`)
    await app.payload.db.drizzle.execute(
      sql`UPDATE ${tables.campaigns} SET fan_out_phase = 'all', fan_out_last_contact_id = 0 WHERE id = ${id}`,
    )
    await resumeCampaign(app.payload, id)
    await campaignTick(app.payload)
    await sendToCompletion(app.payload, id)
    expect(await messageCounts(app.payload, id)).toEqual({ sent: 20 })
    const outsiders = app.postmark.accepted.filter(
      (message) => message.Metadata?.campaignId === String(id) && message.To.startsWith('outsider'),
    )
    expect(outsiders).toEqual([])
  })
})
