import type { Payload } from 'payload'

import { sql } from '@payloadcms/db-postgres'
import { parse } from 'csv-parse/sync'

import { sendCampaign } from '../../src/campaigns/campaignActions'
import { addressHash } from '../../src/privacy/addressHash'
import { claimMessages } from '../../src/sending/claimMessages'
import { createCampaign } from '../campaigns/campaignFixtures'
import { enqueueMessage } from '../../src/sending/enqueueMessages'
import { createApiClient } from '../helpers/apiClient'
import { bootTestPayload, type TestPayload } from '../helpers/bootTestPayload'
import { createImportJob, jobState, tempUploadDir } from './importFixtures'
import { importTick } from '../../src/imports/importTick'
import { startImport } from '../../src/imports/startImport'
import { slugs, tables } from '../helpers/slugs'

let app: TestPayload
let payload: Payload
let api: ReturnType<typeof createApiClient>
let token: string
let listId: number

const get = (path: string, auth = true) =>
  api.raw(
    new Request(`http://localhost:3000/api${path}`, {
      headers: auth ? { authorization: `JWT ${token}` } : {},
    }),
  )

const csvOf = async (path: string) => {
  const response = await get(path)
  expect(response.status).toBe(200)
  expect(response.headers.get('content-type')).toContain('text/csv')
  return parse(await response.text(), { columns: true }) as Record<string, string>[]
}

beforeAll(async () => {
  app = await bootTestPayload({
    cacheKey: 'default',
    name: 'audience-export',
    plugin: { imports: { uploadDir: tempUploadDir('export') } },
  })
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
  listId = (await payload.create({ collection: slugs.lists, data: { name: 'Members', slug: '' } }))
    .id
  const tag = await payload.create({ collection: slugs.tags, data: { name: 'vip' } })
  const evil = await payload.create({
    collection: slugs.contacts,
    data: {
      company: '@SUM(A1:A9)',
      email: 'evil@example.com',
      firstName: '=HYPERLINK("http://x.test","click")',
      lastName: '\t=1+1',
      phone: '+1 555 0100',
      tags: [tag.id],
    },
  })
  await payload.create({
    collection: slugs.subscriptions,
    data: { contact: evil.id, list: listId, status: 'subscribed' },
  })
  const gone = await payload.create({
    collection: slugs.contacts,
    data: { company: 'Acme', email: 'gone@example.com', status: 'unsubscribed' },
  })
  await payload.create({
    collection: slugs.subscriptions,
    data: { contact: gone.id, list: listId, status: 'unsubscribed' },
  })
  await payload.db.drizzle.execute(sql`
    INSERT INTO ${tables.contacts} (email, status, company, created_at, updated_at)
    SELECT 'bulk' || i || '@example.com', 'active', 'Bulk', now(), now() FROM generate_series(1, 2500) AS i`)
})

afterAll(async () => {
  await app?.shutdown()
})

describe('CSV export', () => {
  it('answers 401 without a login and changes nothing', async () => {
    for (const path of [
      '/email-marketing/export/contacts',
      `/email-marketing/export/lists/${listId}`,
      '/email-marketing/contacts/1/data-export',
    ]) {
      expect((await get(path, false)).status).toBe(401)
    }
  })

  it('exports every contact, page after page, with a leading quote on cells a spreadsheet would run', async () => {
    const rows = await csvOf('/email-marketing/export/contacts')
    expect(rows).toHaveLength(2502)
    expect(new Set(rows.map((row) => row.email)).size).toBe(2502)
    const evil = rows.find((row) => row.email === 'evil@example.com')
    expect(evil).toEqual(
      expect.objectContaining({
        company: "'@SUM(A1:A9)",
        firstName: `'=HYPERLINK("http://x.test","click")`,
        lastName: "'\t=1+1",
        phone: "'+1 555 0100",
        tags: 'vip',
      }),
    )
  })

  it('streams: the header arrives before any page is read', async () => {
    const response = await get('/email-marketing/export/contacts')
    const reader = response.body!.getReader()
    const first = new TextDecoder().decode((await reader.read()).value)
    expect(first).toBe(
      'id,email,firstName,lastName,phone,company,status,source,tags,attributes,createdAt\n',
    )
    await reader.cancel()
  })

  it('filters contacts with a Payload where', async () => {
    const rows = await csvOf('/email-marketing/export/contacts?where[status][equals]=unsubscribed')
    expect(rows.map((row) => row.email)).toEqual(['gone@example.com'])
  })

  it("exports a list's members with their subscription status, optionally only one status", async () => {
    const all = await csvOf(`/email-marketing/export/lists/${listId}`)
    expect(all.map((row) => [row.email, row.subscriptionStatus]).sort()).toEqual([
      ['evil@example.com', 'subscribed'],
      ['gone@example.com', 'unsubscribed'],
    ])
    const subscribed = await csvOf(`/email-marketing/export/lists/${listId}?status=subscribed`)
    expect(subscribed.map((row) => row.email)).toEqual(['evil@example.com'])
    expect((await get(`/email-marketing/export/lists/${listId}?status=bogus`)).status).toBe(400)
    expect((await get('/email-marketing/export/lists/99999')).status).toBe(404)
  })

  it("exports a segment's contacts", async () => {
    const segment = await payload.create({
      collection: slugs.segments as 'users',
      data: {
        groups: [
          {
            conditions: [
              { field: 'company', operator: 'equals', type: 'contactField', value: 'Acme' },
            ],
            match: 'all',
          },
        ],
        match: 'all',
        name: 'Acme',
      } as never,
    })
    const rows = await csvOf(`/email-marketing/export/segments/${segment.id}`)
    expect(rows.map((row) => row.email)).toEqual(['gone@example.com'])
    expect((await get('/email-marketing/export/segments/99999')).status).toBe(404)
  })
})

describe('data-protection requests', () => {
  let contactId: number

  beforeAll(async () => {
    const contact = await payload.create({
      collection: slugs.contacts,
      data: { attributes: { shoeSize: 44 }, email: 'subject@example.com', firstName: 'Sam' },
    })
    contactId = contact.id
    await payload.create({
      collection: slugs.subscriptions,
      data: { contact: contactId, list: listId, status: 'subscribed' },
    })
    await enqueueMessage(payload, {
      contact: contactId,
      html: '<p>Hi Sam</p>',
      kind: 'oneToOne',
      subject: 'Hello Sam',
      text: 'Hi Sam',
      to: 'subject@example.com',
    })
    // A message to the address without a contact link is personal data too.
    await enqueueMessage(payload, {
      html: '<p>Receipt</p>',
      kind: 'transactional',
      subject: 'Your receipt',
      to: 'subject@example.com',
    })
  })

  it('exports everything held about the contact as JSON', async () => {
    const response = await get(`/email-marketing/contacts/${contactId}/data-export`)
    expect(response.status).toBe(200)
    const data = JSON.parse(await response.text())
    expect(data.contact).toEqual(
      expect.objectContaining({
        attributes: { shoeSize: 44 },
        email: 'subject@example.com',
        firstName: 'Sam',
      }),
    )
    expect(data.related[slugs.subscriptions]).toEqual([
      expect.objectContaining({ list: listId, status: 'subscribed' }),
    ])
    expect(data.related[slugs.messages].map((m: { subject: string }) => m.subject).sort()).toEqual([
      'Hello Sam',
      'Your receipt',
    ])
    expect((await get('/email-marketing/contacts/99999/data-export')).status).toBe(404)
  })

  it('erases the contact: deleted, subscriptions gone, messages blanked and suppressed, only a keyed hash kept', async () => {
    const response = await api.raw(
      new Request(`http://localhost:3000/api/email-marketing/contacts/${contactId}/erase`, {
        headers: { authorization: `JWT ${token}` },
        method: 'POST',
      }),
    )
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ erased: true, erasedMessages: 2 })
    expect(
      (await payload.count({ collection: slugs.contacts, where: { id: { equals: contactId } } }))
        .totalDocs,
    ).toBe(0)
    expect(
      (
        await payload.count({
          collection: slugs.subscriptions,
          where: { contact: { equals: contactId } },
        })
      ).totalDocs,
    ).toBe(0)
    const leftovers = await payload.db.drizzle.execute(sql`
      SELECT count(*)::int AS n FROM ${tables.messages} WHERE to_address ILIKE '%subject@%' OR subject ILIKE '%Sam%' OR html ILIKE '%Sam%' OR text ILIKE '%Sam%'`)
    expect((leftovers as unknown as { rows: { n: number }[] }).rows[0].n).toBe(0)
    const { docs: messages } = await payload.find({
      collection: slugs.messages,
      where: { toAddress: { equals: '[erased]' } },
    })
    expect(messages.map((m) => [m.subject, m.status, m.lastError])).toEqual([
      ['[erased]', 'suppressed', expect.stringContaining('erased')],
      ['[erased]', 'suppressed', expect.stringContaining('erased')],
    ])
    const { docs: hashes } = await payload.find({ collection: slugs.erasedAddresses as 'users' })
    expect(hashes.map((doc) => (doc as unknown as { hash: string }).hash)).toEqual([
      addressHash('dev-only-email-marketing-secret', 'subject@example.com'),
    ])
  })

  it('an erased address comes back from an import as a rejected row, not a contact', async () => {
    const job = await createImportJob(payload, 'email\n Subject@Example.com \n')
    await startImport(payload, job.id, { email: 'email' })
    await importTick(payload)
    expect(await jobState(payload, job.id)).toEqual(
      expect.objectContaining({ inserted: 0, rejected: 1, status: 'done' }),
    )
    const report = await get(`/email-marketing/imports/${job.id}/rejected`)
    expect(parse(await report.text(), { columns: true })).toEqual([
      {
        email: 'subject@example.com',
        line: '2',
        raw: ' Subject@Example.com ',
        reason: 'erased address',
      },
    ])
  })

  it('answers 404 when erasing an unknown contact', async () => {
    const response = await api.raw(
      new Request('http://localhost:3000/api/email-marketing/contacts/99999/erase', {
        headers: { authorization: `JWT ${token}` },
        method: 'POST',
      }),
    )
    expect(response.status).toBe(404)
  })
})

describe('data export of campaign emails not yet sent', () => {
  it('lists the campaign emails that wait for the contact or are being sent, with their campaign', async () => {
    const list = await payload.create({
      collection: slugs.lists,
      data: { name: 'Waiting readers', slug: '' },
    })
    const contact = await payload.create({
      collection: slugs.contacts,
      data: { email: 'waiting@example.com', firstName: 'Wim' },
    })
    await payload.create({
      collection: slugs.subscriptions,
      data: { contact: contact.id, list: list.id, status: 'subscribed' },
    })
    const first = await createCampaign(payload, { audience: { lists: [list.id] }, name: 'First' })
    await sendCampaign(payload, first, { budgetMs: 60_000 })
    expect(await claimMessages(payload, { limit: 500, now: new Date() })).toEqual([
      expect.objectContaining({ campaignId: first, contactId: contact.id }),
    ])
    const second = await createCampaign(payload, {
      audience: { lists: [list.id] },
      name: 'Second',
      subject: 'Second for {{ contact.firstName }}',
    })
    await sendCampaign(payload, second, { budgetMs: 60_000 })

    const response = await get(`/email-marketing/contacts/${contact.id}/data-export`)
    expect(response.status).toBe(200)
    expect(JSON.parse(await response.text()).unsentCampaignEmails).toEqual([
      {
        campaign: first,
        campaignName: 'First',
        status: 'sending',
        subject: 'News for {{ contact.firstName }}',
      },
      {
        campaign: second,
        campaignName: 'Second',
        status: 'waiting',
        subject: 'Second for {{ contact.firstName }}',
      },
    ])
  })
})
