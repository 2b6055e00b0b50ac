import { sql } from '@payloadcms/db-postgres'

import { rowsOf } from '../../src/utilities/db'
import { createApiClient } from '../helpers/apiClient'
import { bootTestPayload, type TestPayload } from '../helpers/bootTestPayload'
import { createPipeline } from '../deals/dealFixtures'
import { createOrderTemplates } from './templates'
import { slugs, tables } from '../helpers/slugs'

let app: TestPayload
let api: ReturnType<typeof createApiClient>
let adminToken: string
let internToken: string
let contactId: number

const logIn = async (email: string) =>
  (await api.rest('POST', '/users/login', { body: { email, password: 'secret-password' } })).body
    .token as string

beforeAll(async () => {
  app = await bootTestPayload({
    cacheKey: 'default',
    name: 'transactional_endpoints',
    plugin: {
      oneToOneAccess: ({ req }) => Boolean(req.user) && req.user?.email !== 'intern@example.com',
    },
  })
  api = createApiClient(app.config)
  await app.payload.create({
    collection: 'users',
    data: { email: 'owner@example.com', name: 'Olivia Owner', password: 'secret-password' },
  })
  await app.payload.create({
    collection: 'users',
    data: { email: 'intern@example.com', password: 'secret-password' },
  })
  await createOrderTemplates(app.payload)
  contactId = (
    await app.payload.create({
      collection: slugs.contacts,
      data: { email: 'ada@example.com', firstName: 'Ada' },
    })
  ).id
  adminToken = await logIn('owner@example.com')
  internToken = await logIn('intern@example.com')
})

afterAll(async () => {
  await app?.shutdown()
})

beforeEach(async () => {
  await app.payload.db.drizzle.execute(sql`TRUNCATE ${tables.messages} CASCADE`)
})

const messageCount = async () => (await app.payload.count({ collection: slugs.messages })).totalDocs
const messageRow = (id: number) =>
  app.payload.findByID({ collection: slugs.messages, depth: 0, id })

describe('POST /api/email-marketing/transactional', () => {
  it('needs a login', async () => {
    const response = await api.rest('POST', '/email-marketing/transactional', {
      body: {
        data: { orderNumber: '1', total: 1 },
        template: 'order-confirmation',
        to: 'x@example.com',
      },
    })
    expect(response.status).toBe(401)
    expect(await messageCount()).toBe(0)
  })

  it('answers 400 naming a missing required variable and queues nothing', async () => {
    const response = await api.rest('POST', '/email-marketing/transactional', {
      body: { data: { orderNumber: '9' }, template: 'order-confirmation', to: 'x@example.com' },
      token: adminToken,
    })
    expect(response.status).toBe(400)
    expect(response.body.errors[0].message).toContain('"total"')
    expect(await messageCount()).toBe(0)
  })

  it('answers 404 for an unknown template and 400 for a bad address', async () => {
    expect(
      (
        await api.rest('POST', '/email-marketing/transactional', {
          body: { template: 'nope', to: 'x@example.com' },
          token: adminToken,
        })
      ).status,
    ).toBe(404)
    expect(
      (
        await api.rest('POST', '/email-marketing/transactional', {
          body: {
            data: { orderNumber: '1', total: 1 },
            template: 'order-confirmation',
            to: 'not an address',
          },
          token: adminToken,
        })
      ).status,
    ).toBe(400)
    expect(await messageCount()).toBe(0)
  })

  it('queues the rendered email on the transactional stream, linked to the contact, and returns its id', async () => {
    const response = await api.rest('POST', '/email-marketing/transactional', {
      body: {
        data: { orderNumber: 'A7', total: 3 },
        template: 'order-confirmation',
        to: 'ADA@example.com',
      },
      token: adminToken,
    })
    expect(response.status).toBe(201)
    expect(await messageRow(response.body.messageId)).toMatchObject({
      contact: contactId,
      kind: 'transactional',
      status: 'queued',
      stream: 'outbound',
      subject: 'Order #A7 is confirmed',
      toAddress: 'ada@example.com',
    })
  })
})

describe('template preview and "send a test"', () => {
  it('renders unsaved template fields with the sample data and reports a missing sample value', async () => {
    const template = {
      html: '<p>Hello {{ name }}, your code is {{ code }}</p>',
      mode: 'html',
      sampleData: { name: 'Ada' },
      subject: 'Code for {{ name }}',
      variables: [
        { name: 'code', required: true, sampleValue: '4242' },
        { name: 'extra', required: true },
      ],
    }
    const response = await api.rest('POST', '/email-marketing/transactional/preview', {
      body: { template },
      token: adminToken,
    })
    expect(response.status).toBe(200)
    expect(response.body).toMatchObject({
      missingVariable: 'extra',
      subject: 'Code for Ada',
      type: 'content',
    })
    expect(response.body.html).toContain('Hello Ada, your code is 4242')
    const broken = await api.rest('POST', '/email-marketing/transactional/preview', {
      body: { template: { ...template, subject: 'Hi {{ name ' } },
      token: adminToken,
    })
    expect(broken.status).toBe(400)
    expect(broken.body.errors[0].message).toContain('subject')
    expect(
      (await api.rest('POST', '/email-marketing/transactional/preview', { body: { template } }))
        .status,
    ).toBe(401)
  })

  it("wraps the body in the template's layout", async () => {
    const layout = await app.payload.create({
      collection: slugs.layouts,
      data: {
        footerHtml: '<p>Questions? Reply to this email.</p>',
        name: 'Brand',
        postalAddress: 'Acme Inc, 1 Main St',
      } as never,
    })
    const template = {
      html: '<p>Body</p>',
      layout: layout.id,
      mode: 'html',
      subject: 'With layout',
    }
    const response = await api.rest('POST', '/email-marketing/transactional/preview', {
      body: { template },
      token: adminToken,
    })
    expect(response.status).toBe(200)
    expect(response.body.html).toContain('Questions? Reply to this email.')
    expect(response.body.html).toContain('Acme Inc, 1 Main St')
    expect(response.body.html).not.toMatch(/unsubscribe/i)
  })

  it('refuses to save a template whose Liquid does not parse', async () => {
    await expect(
      app.payload.create({
        collection: slugs.transactionalTemplates,
        data: {
          html: '<p>ok</p>',
          mode: 'html',
          name: 'Broken',
          slug: 'broken',
          subject: 'Hi {{ name ',
        } as never,
      }),
    ).rejects.toThrow(/subject/)
    expect(
      (
        await app.payload.count({
          collection: slugs.transactionalTemplates,
          where: { slug: { equals: 'broken' } },
        })
      ).totalDocs,
    ).toBe(0)
  })

  it('sends the saved template with its sample data to the logged-in user', async () => {
    const saved = await app.payload.create({
      collection: slugs.transactionalTemplates,
      data: {
        html: '<p>Reset: {{ link }}</p>',
        mode: 'html',
        name: 'Reset',
        sampleData: { link: 'https://example.com/reset' },
        slug: 'reset',
        subject: 'Reset your password',
        variables: [{ name: 'link', required: true }],
      } as never,
    })
    const response = await api.rest('POST', '/email-marketing/transactional/test', {
      body: { template: saved.id },
      token: adminToken,
    })
    expect(response.status).toBe(201)
    const row = await messageRow(response.body.messageId)
    expect(row).toMatchObject({
      kind: 'transactional',
      metadata: { template: 'reset', test: 'true' },
      subject: 'Reset your password',
      toAddress: 'owner@example.com',
    })
    expect(row.html).toContain('Reset: https://example.com/reset')
  })
})

describe('POST /api/email-marketing/one-to-one', () => {
  it('sends from the configured sender with Reply-To set to the user, personalised, logged on the contact and the deal', async () => {
    const pipeline = await createPipeline(app.payload, 'Sales', [
      ['Lead', 10],
      ['Won', 100],
    ])
    const deal = await app.payload.create({
      collection: slugs.deals,
      data: {
        contacts: [contactId],
        pipeline: pipeline.id,
        stage: pipeline.stages[0].stageId,
        title: 'Big deal',
        value: 10,
      } as never,
    })
    const response = await api.rest('POST', '/email-marketing/one-to-one', {
      body: {
        body: 'Hi {{ contact.firstName }},\n\nShall we talk about {{ deal.title }}?',
        contact: contactId,
        deal: deal.id,
        subject: 'About {{ deal.title }}',
      },
      token: adminToken,
    })
    expect(response.status).toBe(201)
    const row = await messageRow(response.body.messageId)
    expect(row).toMatchObject({
      contact: contactId,
      fromAddress: 'hello@example.com',
      kind: 'oneToOne',
      metadata: { dealId: String(deal.id) },
      replyTo: '"Olivia Owner" <owner@example.com>',
      stream: 'outbound',
      subject: 'About Big deal',
      toAddress: 'ada@example.com',
    })
    expect(row.html).toContain('Hi Ada,')
    expect(row.html).toContain('Shall we talk about Big deal?')
    expect(row.html).not.toMatch(/unsubscribe/i)
  })

  it('refuses users the oneToOneAccess option excludes, and bad input, without queueing', async () => {
    const body = { body: 'Hello', contact: contactId, subject: 'Hi' }
    expect((await api.rest('POST', '/email-marketing/one-to-one', { body })).status).toBe(401)
    expect(
      (await api.rest('POST', '/email-marketing/one-to-one', { body, token: internToken })).status,
    ).toBe(403)
    expect(
      (
        await api.rest('POST', '/email-marketing/one-to-one', {
          body: { ...body, subject: '' },
          token: adminToken,
        })
      ).status,
    ).toBe(400)
    expect(
      (
        await api.rest('POST', '/email-marketing/one-to-one', {
          body: { ...body, contact: 999999 },
          token: adminToken,
        })
      ).status,
    ).toBe(400)
    expect(await messageCount()).toBe(0)
  })
})

describe('POST /api/email-marketing/one-to-one/preview', () => {
  it('renders what the send would, for the writer to check, and queues nothing', async () => {
    const before = await messageCount()
    const body = {
      body: 'Hi {{ contact.firstName }},\n\nA quick note.',
      contact: contactId,
      subject: 'For {{ contact.firstName }}',
    }
    const response = await api.rest('POST', '/email-marketing/one-to-one/preview', {
      body,
      token: adminToken,
    })
    expect(response.status).toBe(200)
    expect(response.body).toMatchObject({ subject: 'For Ada', to: 'ada@example.com' })
    expect(response.body.html).toContain('Hi Ada,')
    expect(response.body.text).toContain('A quick note.')
    expect((await api.rest('POST', '/email-marketing/one-to-one/preview', { body })).status).toBe(
      401,
    )
    expect(
      (
        await api.rest('POST', '/email-marketing/one-to-one/preview', {
          body,
          token: internToken,
        })
      ).status,
    ).toBe(403)
    expect(
      (
        await api.rest('POST', '/email-marketing/one-to-one/preview', {
          body: { ...body, subject: ' ' },
          token: adminToken,
        })
      ).status,
    ).toBe(400)
    expect(await messageCount()).toBe(before)
  })
})

describe('GET /api/email-marketing/contacts/:id/timeline', () => {
  it('lists messages with their delivery events and subscription changes, newest first, paginated', async () => {
    const list = await app.payload.create({
      collection: slugs.lists,
      data: { name: 'Weekly', slug: 'weekly' },
    })
    await app.payload.create({
      collection: slugs.subscriptions,
      data: { contact: contactId, list: list.id, status: 'subscribed' },
    })
    const automation = await app.payload.create({
      collection: slugs.automations,
      data: { name: 'Welcome series' } as never,
    })
    await app.payload.create({
      collection: slugs.enrollments,
      data: {
        automation: automation.id,
        contact: contactId,
        history: [
          {
            at: new Date(Date.now() - 60_000).toISOString(),
            outcome: 'queued email',
            step: '0',
            stepType: 'sendEmail',
          },
        ],
      } as never,
    })
    for (let index = 0; index < 24; index++) {
      await api.rest('POST', '/email-marketing/one-to-one', {
        body: { body: `Note ${index}`, contact: contactId, subject: `Note ${index}` },
        token: adminToken,
      })
    }
    const [newest] = rowsOf<{ id: number }>(
      await app.payload.db.drizzle.execute(
        sql`SELECT id FROM ${tables.messages} WHERE subject = 'Note 23'`,
      ),
    )
    await app.payload.db.drizzle.execute(
      sql`UPDATE ${tables.messages} SET status = 'delivered', sent_at = now(), events_delivered_at = now() + interval '1 second' WHERE id = ${newest.id}`,
    )

    expect((await api.rest('GET', `/email-marketing/contacts/${contactId}/timeline`)).status).toBe(
      401,
    )
    const first = await api.rest('GET', `/email-marketing/contacts/${contactId}/timeline`, {
      token: adminToken,
    })
    expect(first.status).toBe(200)
    expect(first.body).toMatchObject({ hasNextPage: true, page: 1, pageSize: 20 })
    expect(first.body.items).toHaveLength(20)
    expect(first.body.items[0]).toMatchObject({
      messageId: newest.id,
      status: 'delivered',
      subject: 'Note 23',
      type: 'message',
    })
    expect(first.body.items[0].events.map((event: { type: string }) => event.type)).toEqual([
      'queued',
      'sent',
      'delivered',
    ])
    const times = first.body.items.map((item: { at: string }) => item.at)
    expect([...times].sort().reverse()).toEqual(times)

    const second = await api.rest('GET', `/email-marketing/contacts/${contactId}/timeline?page=2`, {
      token: adminToken,
    })
    expect(second.body.hasNextPage).toBe(false)
    const all = [...first.body.items, ...second.body.items]
    expect(all.filter((item) => item.type === 'message')).toHaveLength(24)
    expect(all.filter((item) => item.type === 'subscription')).toEqual([
      expect.objectContaining({ listName: 'Weekly', status: 'subscribed' }),
    ])
    expect(all.filter((item) => item.type === 'automation')).toEqual([
      expect.objectContaining({
        automation: 'Welcome series',
        detail: 'queued email',
        step: 'sendEmail (step 0)',
      }),
    ])
    // The deal created by the 1:1 test above recorded its first stage.
    expect(all.filter((item) => item.type === 'deal')).toEqual([
      expect.objectContaining({ dealTitle: 'Big deal', toStage: 'Lead' }),
    ])
    expect(
      (
        await api.rest('GET', `/email-marketing/contacts/${contactId}/timeline?page=0`, {
          token: adminToken,
        })
      ).status,
    ).toBe(400)
  })
})
