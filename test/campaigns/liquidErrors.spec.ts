import { sql } from '@payloadcms/db-postgres'

import { CampaignChecklistError } from '../../src/index'
import { scheduleCampaign, sendCampaign } from '../../src/campaigns/campaignActions'
import { rowsOf } from '../../src/utilities/db'
import { createApiClient } from '../helpers/apiClient'
import { bootTestPayload, type TestPayload } from '../helpers/bootTestPayload'
import { createCampaign, createList, paragraph, seedSubscribers } from './campaignFixtures'
import { slugs, tables } from '../helpers/slugs'
import { editorToken } from '../helpers/editorToken'

let app: TestPayload
let api: ReturnType<typeof createApiClient>
let token: string
let listId: number

beforeAll(async () => {
  app = await bootTestPayload({ cacheKey: 'default', name: 'campaign_liquid' })
  api = createApiClient(app.config)
  token = await editorToken(app.payload)
  listId = await createList(app.payload, 'Readers')
  await seedSubscribers(app.payload, { count: 5, listId, prefix: 'liquid' })
})

afterAll(async () => {
  await app?.shutdown()
})

const queuedFor = async (id: number) =>
  rowsOf<{ count: number }>(
    await app.payload.db.drizzle.execute(
      sql`SELECT count(*)::int AS count FROM ${tables.messages} WHERE campaign_id = ${id}`,
    ),
  )[0].count

describe('Liquid errors block scheduling and sending', () => {
  it('sendCampaign throws a CampaignChecklistError naming the Liquid error, line and column, and changes nothing', async () => {
    const id = await createCampaign(app.payload, {
      audience: { lists: [listId] },
      content: paragraph('Hi {% if contact.firstName %} there'),
      subject: 'Fine subject',
    })
    const error = await sendCampaign(app.payload, id).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(CampaignChecklistError)
    expect((error as CampaignChecklistError).findings).toContainEqual({
      code: 'liquid',
      field: 'content',
      level: 'blocking',
      message: expect.stringMatching(/^Liquid error in body: .*\(line 1, column \d+\)/),
    })
    expect(await queuedFor(id)).toBe(0)
    expect(await app.payload.findByID({ collection: slugs.campaigns, id })).toMatchObject({
      status: 'draft',
    })
  })

  it('the send and schedule endpoints answer 400 naming the field, line and column', async () => {
    const id = await createCampaign(app.payload, {
      audience: { lists: [listId] },
      subject: 'Hello\n{{ contact.firstName | nosuchfilter }}',
    })
    const sent = await api.rest('POST', `/email-marketing/campaigns/${id}/send`, {
      body: {},
      token,
    })
    expect(sent.status).toBe(400)
    expect(sent.body.errors[0].message).toMatch(/Liquid error in subject: .*\(line 2, column 1\)/)
    const scheduled = await api.rest('POST', `/email-marketing/campaigns/${id}/schedule`, {
      body: { at: new Date(Date.now() + 60_000).toISOString() },
      token,
    })
    expect(scheduled.status).toBe(400)
    expect(scheduled.body.errors[0].message).toContain('line 2, column 1')
    await expect(
      scheduleCampaign(app.payload, id, new Date(Date.now() + 60_000)),
    ).rejects.toBeInstanceOf(CampaignChecklistError)
    expect(await app.payload.findByID({ collection: slugs.campaigns, id })).toMatchObject({
      status: 'draft',
    })
    expect(await queuedFor(id)).toBe(0)
  })

  it('saving a campaign as scheduled with a broken preheader is a validation error on that field', async () => {
    const id = await createCampaign(app.payload, {
      audience: { lists: [listId] },
      preheader: 'Read {{ contact.firstName',
    })
    const error = await app.payload
      .update({
        collection: slugs.campaigns,
        data: {
          scheduledAt: new Date(Date.now() + 60_000).toISOString(),
          status: 'scheduled',
        } as never,
        id,
      })
      .then(() => null)
      .catch(
        (caught: unknown) => caught as { data?: { errors: { message: string; path: string }[] } },
      )
    expect(error?.data?.errors[0]).toMatchObject({
      message: expect.stringMatching(/preheader.*line 1, column \d+/),
      path: 'preheader',
    })
    expect(await app.payload.findByID({ collection: slugs.campaigns, id })).toMatchObject({
      status: 'draft',
    })
  })

  it('unknown variables render empty or their default, and a valid campaign schedules', async () => {
    const id = await createCampaign(app.payload, {
      audience: { lists: [listId] },
      subject: 'Hi {{ contact.nickname | default: "friend" }}{{ nothing.here }}',
    })
    const at = new Date(Date.now() + 60_000)
    await scheduleCampaign(app.payload, id, at)
    expect(await app.payload.findByID({ collection: slugs.campaigns, id })).toMatchObject({
      scheduledAt: at.toISOString(),
      status: 'scheduled',
    })
    const preview = await api.rest('GET', `/email-marketing/campaigns/${id}/preview`, { token })
    expect(preview.body.subject).toBe('Hi friend')
    const anonymous = await api.rest('GET', `/email-marketing/campaigns/${id}/preview`)
    expect(anonymous.status).toBe(401)
  })
})
