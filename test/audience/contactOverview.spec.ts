import type { Payload } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import { createApiClient } from '../helpers/apiClient'
import { bootTestPayload, type TestPayload } from '../helpers/bootTestPayload'
import { slugs, tables } from '../helpers/slugs'

let app: TestPayload
let payload: Payload
let api: ReturnType<typeof createApiClient>
let token: string
let contactId: number
let automationId: number

beforeAll(async () => {
  app = await bootTestPayload({ cacheKey: 'default', name: 'audience-contact-overview' })
  payload = app.payload
  api = createApiClient(app.config)
  await payload.create({
    collection: 'users',
    data: { email: 'admin@example.com', password: 'admin-password' },
  })
  token = (
    await api.rest('POST', '/users/login', {
      body: { email: 'admin@example.com', password: 'admin-password' },
    })
  ).body.token
  const tag = await payload.create({ collection: slugs.tags, data: { name: 'vip' } })
  const contact = await payload.create({
    collection: slugs.contacts,
    data: {
      consent: { at: '2026-01-02T03:04:05.000Z' },
      email: 'ada@example.com',
      tags: [tag.id],
    } as never,
  })
  contactId = contact.id as number
  const list = await payload.create({ collection: slugs.lists, data: { name: 'Weekly', slug: '' } })
  await payload.create({
    collection: slugs.subscriptions,
    data: { contact: contactId, list: list.id, status: 'subscribed' },
  })
  const automation = await payload.create({
    collection: slugs.automations,
    data: { name: 'Welcome series' } as never,
  })
  automationId = automation.id as number
  const enrollment = await payload.create({
    collection: slugs.enrollments,
    data: {
      automation: automation.id,
      contact: contactId,
      history: [
        { at: new Date().toISOString(), outcome: 'queued email', step: '0', stepType: 'sendEmail' },
      ],
      stepPath: '1',
    } as never,
  })
  await payload.db.drizzle.execute(sql`
    INSERT INTO ${tables.messages} (kind, status, stream, contact_id, to_address, from_address, subject, priority, attempts,
      dedupe_key, events_open_count, events_click_count, created_at, updated_at)
    VALUES ('automation', 'sent', 'broadcast', ${contactId}, 'ada@example.com', 'news@example.com', 'Welcome aboard', 1, 1,
      ${`step:${enrollment.id}:0`}, 0, 0, now(), now())`)
})

afterAll(async () => {
  await app?.shutdown()
})

describe('contact overview', () => {
  it('gives lists with status and consent, tags and enrollments with the automation name', async () => {
    const answer = await api.rest('GET', `/email-marketing/contacts/${contactId}/overview`, {
      token,
    })
    expect(answer.status).toBe(200)
    expect(answer.body.memberships).toEqual([
      expect.objectContaining({
        consentAt: '2026-01-02T03:04:05Z',
        listName: 'Weekly',
        status: 'subscribed',
      }),
    ])
    expect(answer.body.memberships[0].since).toMatch(/^\d{4}-\d\d-\d\dT/)
    expect(answer.body.tags).toEqual([expect.objectContaining({ name: 'vip' })])
    expect(answer.body.deals).toEqual([])
    expect(answer.body.enrollments).toEqual([
      expect.objectContaining({ automation: 'Welcome series', automationId, stepPath: '1' }),
    ])
  })

  it('answers 401 without a login, 404 for an unknown contact, 400 for a bad id', async () => {
    expect((await api.rest('GET', `/email-marketing/contacts/${contactId}/overview`)).status).toBe(
      401,
    )
    expect(
      (await api.rest('GET', '/email-marketing/contacts/999999/overview', { token })).status,
    ).toBe(404)
    expect((await api.rest('GET', '/email-marketing/contacts/x/overview', { token })).status).toBe(
      400,
    )
  })

  it('names the email an automation step sent on the timeline', async () => {
    const answer = await api.rest('GET', `/email-marketing/contacts/${contactId}/timeline`, {
      token,
    })
    expect(
      answer.body.items.filter((item: { type: string }) => item.type === 'automation'),
    ).toEqual([
      expect.objectContaining({
        automation: 'Welcome series',
        stepPath: '0',
        stepType: 'sendEmail',
        subject: 'Welcome aboard',
      }),
    ])
  })
})
