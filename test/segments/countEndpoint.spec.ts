import { countSegment, segmentContactsQuery } from '../../src/segments/segmentQueries'
import { rowsOf } from '../../src/utilities/db'
import { createApiClient } from '../helpers/apiClient'
import { bootTestPayload, type TestPayload } from '../helpers/bootTestPayload'
import { seedSegmentFixture, type SegmentFixture } from './segmentFixture'
import { slugs } from '../helpers/slugs'

let app: TestPayload
let api: ReturnType<typeof createApiClient>
let fx: SegmentFixture
let adminToken: string

beforeAll(async () => {
  app = await bootTestPayload({ cacheKey: 'default', name: 'segment-count-endpoint' })
  api = createApiClient(app.config)
  fx = await seedSegmentFixture(app.payload)
  await app.payload.create({
    collection: 'users',
    data: { email: 'editor@example.com', password: 'editor-password' },
  })
  adminToken = (
    await api.rest('POST', '/users/login', {
      body: { email: 'editor@example.com', password: 'editor-password' },
    })
  ).body.token
})

afterAll(async () => {
  await app?.shutdown()
})

const proPlan = {
  groups: [
    {
      conditions: [{ attribute: 'plan', operator: 'equals', type: 'attribute', value: 'pro' }],
      match: 'all',
    },
  ],
  match: 'all',
}

describe('POST /api/email-marketing/segments/count', () => {
  it('refuses a request without a logged-in admin user', async () => {
    const response = await api.rest('POST', '/email-marketing/segments/count', { body: proPlan })
    expect(response.status).toBe(401)
    expect(response.body.count).toBeUndefined()
  })

  it('refuses a forged token', async () => {
    const response = await api.rest('POST', '/email-marketing/segments/count', {
      body: proPlan,
      token: `${adminToken}x`,
    })
    expect(response.status).toBe(401)
  })

  it('counts the unsaved rules for an admin user', async () => {
    const response = await api.rest('POST', '/email-marketing/segments/count', {
      body: proPlan,
      token: adminToken,
    })
    expect(response).toEqual({ body: { count: 2 }, status: 200 })
  })

  it('answers 400 naming the incomplete condition', async () => {
    const body = {
      groups: [
        {
          conditions: [{ field: 'firstName', operator: 'equals', type: 'contactField' }],
          match: 'all',
        },
      ],
      match: 'all',
    }
    const response = await api.rest('POST', '/email-marketing/segments/count', {
      body,
      token: adminToken,
    })
    expect(response.status).toBe(400)
    expect(response.body.errors[0]).toMatchObject({
      data: { path: 'groups.0.conditions.0' },
      message: 'Group 1, rule 1: enter a value.',
    })
  })

  it('answers 400 to a body that is not a rule tree', async () => {
    const response = await api.rest('POST', '/email-marketing/segments/count', {
      body: { groups: 'all of them' },
      token: adminToken,
    })
    expect(response.status).toBe(400)
  })
})

describe('segments collection', () => {
  it('stores rules, not members, and is evaluated by id', async () => {
    const segment = await app.payload.create({
      collection: slugs.segments,
      data: { name: 'Pro plan', ...proPlan } as never,
    })
    expect(await countSegment(app.payload, segment.id)).toBe(2)
    await app.payload.update({
      collection: slugs.contacts,
      data: { attributes: { plan: 'pro' } } as never,
      id: fx.contacts.dan,
    })
    const rows = rowsOf<{ id: number }>(
      await app.payload.db.drizzle.execute(await segmentContactsQuery(app.payload, segment.id)),
    )
    expect(rows.map((row) => fx.nameOf(row.id)).sort()).toEqual(['ann', 'dan', 'eve'])
  })

  it('refuses to save incomplete rules, naming the field', async () => {
    const data = {
      groups: [{ conditions: [{ operator: 'hasTag', type: 'tag' }], match: 'all' }],
      match: 'all',
      name: 'Broken',
    }
    await expect(
      app.payload.create({ collection: slugs.segments, data: data as never }),
    ).rejects.toMatchObject({
      data: { errors: [{ message: 'Choose a tag.', path: 'groups.0.conditions.0.tag' }] },
    })
    expect(
      await app.payload.count({
        collection: slugs.segments,
        where: { name: { equals: 'Broken' } },
      }),
    ).toEqual({ totalDocs: 0 })
  })
})
