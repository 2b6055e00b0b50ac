import { sql } from '@payloadcms/db-postgres'

import { audienceCondition } from '../../src/campaigns/audience'
import { campaignTick } from '../../src/campaigns/campaignTick'
import { fanOutCampaign } from '../../src/campaigns/fanOut'
import { CampaignChecklistError } from '../../src/index'
import {
  cancelCampaign,
  scheduleCampaign,
  sendCampaign,
  unscheduleCampaign,
} from '../../src/campaigns/campaignActions'
import { drainOutbox } from '../../src/sending/drainOutbox'
import { rowsOf } from '../../src/utilities/db'
import { createApiClient } from '../helpers/apiClient'
import { bootSendingApp, type SendingApp } from '../helpers/bootSendingApp'
import { createCampaign, createList, messageCounts, seedSubscribers } from './campaignFixtures'
import { slugs, tables } from '../helpers/slugs'
import { editorToken } from '../helpers/editorToken'

let app: SendingApp
let api: ReturnType<typeof createApiClient>
let token: string
let listId: number

beforeAll(async () => {
  app = await bootSendingApp({ cacheKey: 'default', name: 'campaign_fail_closed' })
  api = createApiClient(app.config)
  token = await editorToken(app.payload)
  listId = await createList(app.payload, 'Readers')
  await seedSubscribers(app.payload, { count: 30, listId, prefix: 'closed' })
})

afterAll(async () => {
  await app?.shutdown()
})

const statusOf = async (id: number) =>
  (await app.payload.findByID({ collection: slugs.campaigns, id })) as unknown as {
    pausedReason?: string
    status: string
  }
const inAnHour = () => new Date(Date.now() + 3_600_000)
const audienceFinding = {
  code: 'audience',
  field: 'audience',
  level: 'blocking',
  message: expect.stringContaining('Choose at least one list or a segment'),
}

describe('an audience with no list and no segment matches nobody', () => {
  it('in the SQL condition and in the fan-out, even for a campaign forced to sending', async () => {
    const condition = await audienceCondition(app.payload, {
      excludedLists: [],
      excludedSegments: [],
      lists: [],
      segment: null,
    })
    const [{ count }] = rowsOf<{ count: number }>(
      await app.payload.db.drizzle.execute(
        sql`SELECT count(*)::int AS count FROM ${tables.contacts} c WHERE ${condition}`,
      ),
    )
    expect(count).toBe(0)
    const id = await createCampaign(app.payload, { name: 'Forced' })
    await app.payload.db.drizzle.execute(
      sql`UPDATE ${tables.campaigns} SET status = 'sending', fan_out_phase = 'all' WHERE id = ${id}`,
    )
    expect(await fanOutCampaign(app.payload, id)).toMatchObject({ written: 0 })
    expect(await messageCounts(app.payload, id)).toEqual({})
    const audience = await api.rest('GET', `/email-marketing/campaigns/${id}/audience`, { token })
    expect(audience.body).toEqual({ recipients: 0 })
  })

  it('the Local API refuses send and schedule with a typed error naming the audience', async () => {
    const id = await createCampaign(app.payload, { name: 'No audience' })
    for (const attempt of [
      () => sendCampaign(app.payload, id),
      () => scheduleCampaign(app.payload, id, inAnHour()),
    ]) {
      const error = await attempt().catch((caught: unknown) => caught)
      expect(error).toBeInstanceOf(CampaignChecklistError)
      expect((error as CampaignChecklistError).findings).toContainEqual(audienceFinding)
    }
    const update = await app.payload
      .update({
        collection: slugs.campaigns,
        data: { scheduledAt: inAnHour().toISOString(), status: 'scheduled' } as never,
        id,
      })
      .catch((caught: { data?: { errors: unknown[] } }) => caught)
    expect((update as { data?: { errors: unknown[] } }).data?.errors).toContainEqual(
      expect.objectContaining({ path: 'audience' }),
    )
    expect(await statusOf(id)).toMatchObject({ status: 'draft' })
    expect(await messageCounts(app.payload, id)).toEqual({})
  })

  it('REST refuses send, schedule and a plain PATCH to scheduled with 400', async () => {
    const id = await createCampaign(app.payload, { name: 'No audience over REST' })
    const sent = await api.rest('POST', `/email-marketing/campaigns/${id}/send`, {
      body: {},
      token,
    })
    expect(sent.status).toBe(400)
    expect(sent.body.errors[0].data.findings).toContainEqual(audienceFinding)
    const scheduled = await api.rest('POST', `/email-marketing/campaigns/${id}/schedule`, {
      body: { at: inAnHour().toISOString() },
      token,
    })
    expect(scheduled.status).toBe(400)
    expect(scheduled.body.errors[0].message).toContain('Choose at least one list or a segment')
    const patched = await api.rest('PATCH', `/${slugs.campaigns}/${id}`, {
      body: { scheduledAt: inAnHour().toISOString(), status: 'scheduled' },
      token,
    })
    expect(patched.status).toBe(400)
    expect(JSON.stringify(patched.body)).toContain('Choose at least one list or a segment')
    const created = await api.rest('POST', `/${slugs.campaigns}`, {
      body: {
        name: 'Born scheduled',
        scheduledAt: inAnHour().toISOString(),
        status: 'scheduled',
        subject: 'Hi',
      },
      token,
    })
    expect(created.status).toBe(400)
    expect(await statusOf(id)).toMatchObject({ status: 'draft' })
  })
})

describe('deleting what a campaign sends to', () => {
  it('refuses to delete a list a scheduled campaign uses, naming the campaign, over the Local API and REST', async () => {
    const list = await createList(app.payload, 'Only list')
    const id = await createCampaign(app.payload, {
      audience: { lists: [list] },
      name: 'Spring sale',
    })
    await scheduleCampaign(app.payload, id, inAnHour())
    await expect(app.payload.delete({ collection: slugs.lists, id: list })).rejects.toThrow(
      /"Spring sale" \(scheduled\)/,
    )
    const response = await api.rest('DELETE', `/${slugs.lists}/${list}`, { token })
    expect(response.status).toBe(409)
    expect(response.body.errors[0].message).toContain('"Spring sale"')
    expect(await app.payload.findByID({ collection: slugs.lists, id: list })).toMatchObject({
      id: list,
    })
    expect(await statusOf(id)).toMatchObject({ status: 'scheduled' })
    await unscheduleCampaign(app.payload, id)
    await app.payload.delete({ collection: slugs.lists, id: list })
  })

  it('refuses to delete a segment a scheduled campaign excludes', async () => {
    const segment = await app.payload.create({
      collection: slugs.segments,
      data: {
        groups: [
          {
            conditions: [
              { field: 'company', operator: 'equals', type: 'contactField', value: 'Nobody Inc' },
            ],
            match: 'all',
          },
        ],
        match: 'all',
        name: 'Nobody',
      } as never,
    })
    const id = await createCampaign(app.payload, {
      audience: { excludedSegments: [segment.id], lists: [listId] },
      name: 'With exclusion',
    })
    await scheduleCampaign(app.payload, id, inAnHour())
    await expect(
      app.payload.delete({ collection: slugs.segments, id: segment.id }),
    ).rejects.toThrow(/"With exclusion"/)
    await cancelCampaign(app.payload, id)
  })

  it('a segment deleted through SQL before the scheduled time: nothing is sent, the campaign pauses with the reason', async () => {
    const segment = await app.payload.create({
      collection: slugs.segments,
      data: {
        groups: [
          {
            conditions: [
              { field: 'email', operator: 'contains', type: 'contactField', value: 'closed' },
            ],
            match: 'all',
          },
        ],
        match: 'all',
        name: 'Closed readers',
      } as never,
    })
    const id = await createCampaign(app.payload, {
      audience: { segment: segment.id },
      name: 'Segment only',
    })
    const at = inAnHour()
    await scheduleCampaign(app.payload, id, at)
    await app.payload.db.drizzle.execute(
      sql`DELETE FROM ${tables.segments} WHERE id = ${segment.id}`,
    )
    app.postmark.reset()
    // Before its time: the tick already pauses it, so the editor sees why.
    const tick = await campaignTick(app.payload)
    expect(tick.paused).toEqual([id])
    await campaignTick(app.payload, { now: new Date(at.getTime() + 1000) })
    await drainOutbox(app.payload)
    expect(app.postmark.accepted).toHaveLength(0)
    expect(await messageCounts(app.payload, id)).toEqual({})
    expect(await statusOf(id)).toMatchObject({
      pausedReason: expect.stringContaining('no list and no segment'),
      status: 'paused',
    })
    await campaignTick(app.payload, { now: new Date(at.getTime() + 60_000) })
    expect(await messageCounts(app.payload, id)).toEqual({})
  })

  it('a sending campaign whose snapshot names a segment deleted through SQL pauses with the reason', async () => {
    const segment = await app.payload.create({
      collection: slugs.segments,
      data: {
        groups: [
          {
            conditions: [
              { field: 'email', operator: 'contains', type: 'contactField', value: 'closed' },
            ],
            match: 'all',
          },
        ],
        match: 'all',
        name: 'Gone soon',
      } as never,
    })
    const id = await createCampaign(app.payload, {
      audience: { lists: [listId], segment: segment.id },
      name: 'Mid send',
    })
    await sendCampaign(app.payload, id, { budgetMs: 0 })
    await app.payload.db.drizzle.execute(
      sql`UPDATE ${tables.campaigns} SET fan_out_phase = 'all' WHERE id = ${id}`,
    )
    await app.payload.db.drizzle.execute(
      sql`DELETE FROM ${tables.segments} WHERE id = ${segment.id}`,
    )
    const tick = await campaignTick(app.payload)
    expect(tick.paused).toEqual([id])
    expect(await statusOf(id)).toMatchObject({
      pausedReason: expect.stringContaining(`deleted segment ${segment.id}`),
      status: 'paused',
    })
    expect(
      rowsOf<{ status: string }>(
        await app.payload.db.drizzle.execute(
          sql`SELECT status::text FROM ${tables.messages} WHERE campaign_id = ${id} AND status = 'queued'`,
        ),
      ),
    ).toEqual([])
  })
})
