import { sql } from '@payloadcms/db-postgres'

import { sendLeasesTable } from '../../src/sending/recipients/recipientTables'
import { enqueueMessage } from '../../src/sending/enqueueMessages'
import { rowsOf } from '../../src/utilities/db'
import { recordPostmarkWebhook } from '../../src/webhooks/recordPostmarkWebhook'
import { createApiClient } from '../helpers/apiClient'
import { bootTestPayload, type TestPayload } from '../helpers/bootTestPayload'
import { eventMark, recordedEvents } from '../helpers/recordedEvents'
import {
  basicAuth,
  createContact,
  createList,
  stateOf,
  subscriptionStatus,
  webhookCredentials,
} from './publicFixture'
import {
  bounceBody,
  clickBody,
  deliveryBody,
  openBody,
  spamComplaintBody,
  subscriptionChangeBody,
} from './webhookPayloads'
import { slugs, tableNames, tables } from '../helpers/slugs'

let app: TestPayload
let api: ReturnType<typeof createApiClient>
let listIds: number[]
let eventsBefore = 0
const published = () => recordedEvents(app.payload, eventsBefore)
const webhookUrl = 'http://localhost:3000/api/email-marketing/webhooks/postmark'
let sequence = 0

const deliver = (
  body: unknown,
  authorization: null | string = basicAuth(webhookCredentials),
  contentType = 'application/json',
) =>
  api.raw(
    new Request(webhookUrl, {
      body: typeof body === 'string' ? body : JSON.stringify(body),
      headers: { 'content-type': contentType, ...(authorization ? { authorization } : {}) },
      method: 'POST',
    }),
  )

/** A contact on both lists with one sent message that Postmark knows by `postmarkId`. */
const sentMessage = async () => {
  sequence += 1
  const email = `reader${sequence}@example.com`
  const contact = await createContact(app.payload, email, listIds)
  const message = await enqueueMessage(app.payload, {
    contact: contact.id,
    html: '<p>Hi</p>',
    kind: 'campaign',
    subject: 'Hi',
    to: email,
  })
  const postmarkId = `pm-${sequence}-0000-0000`
  await app.payload.db.drizzle.execute(
    sql`UPDATE ${tables.messages} SET status = 'sent', postmark_message_id = ${postmarkId} WHERE id = ${message.id}`,
  )
  return { contactId: contact.id, email, messageId: message.id, postmarkId }
}

const messageRow = async (id: number) => {
  const message = (await app.payload.findByID({ collection: slugs.messages, id })) as any
  return { status: message.status, ...message.events }
}

const contactRow = async (id: number) =>
  (await app.payload.findByID({ collection: slugs.contacts, id })) as any

const eventRows = async (messageId: number) =>
  rowsOf<{ type: string; url: null | string }>(
    await app.payload.db.drizzle.execute(
      sql`SELECT type::text, url FROM ${tables.messageEvents} WHERE message_id = ${messageId} ORDER BY id`,
    ),
  )

/** Sends the body twice: the first must apply, the second must change nothing. */
const deliverTwice = async (body: unknown) => {
  const first = await deliver(body)
  expect(first.status).toBe(200)
  expect((await first.json()).outcome).toBe('recorded')
  const afterFirst = await stateOf(app.payload)
  const second = await deliver(body)
  expect(second.status).toBe(200)
  expect((await second.json()).outcome).toBe('duplicate')
  expect(await stateOf(app.payload)).toEqual(afterFirst)
}

beforeAll(async () => {
  app = await bootTestPayload({
    cacheKey: 'default',
    name: 'public-webhooks',
    plugin: { softBounceLimit: 3, webhooks: webhookCredentials },
  })
  api = createApiClient(app.config)
  listIds = [
    (
      await createList(app.payload, {
        doubleOptIn: true,
        name: 'Newsletter',
        public: true,
        slug: 'newsletter',
      })
    ).id,
    (
      await createList(app.payload, {
        doubleOptIn: false,
        name: 'Offers',
        public: false,
        slug: 'offers',
      })
    ).id,
  ]
})

afterAll(async () => {
  await app?.shutdown()
})

describe('authentication and bad input', () => {
  it('answers 401 without or with wrong credentials and changes nothing', async () => {
    const { email, postmarkId } = await sentMessage()
    const body = bounceBody(1, postmarkId, email)
    const before = await stateOf(app.payload)
    const attempts = [
      null,
      basicAuth({ ...webhookCredentials, password: 'wrong' }),
      basicAuth({ ...webhookCredentials, username: 'wrong' }),
      basicAuth({ password: '', username: '' }),
      `Bearer ${webhookCredentials.password}`,
      'Basic !!!not-base64',
      `Basic ${Buffer.from(`${webhookCredentials.username}${webhookCredentials.password}`).toString('base64')}`,
    ]
    for (const authorization of attempts) {
      const response = await deliver(body, authorization)
      expect(response.status).toBe(401)
      expect(response.headers.get('www-authenticate')).toContain('Basic')
    }
    expect(await stateOf(app.payload)).toEqual(before)
  })

  it('answers 400 to malformed bodies and 200 to unknown record types, changing nothing', async () => {
    const { email, postmarkId } = await sentMessage()
    const before = await stateOf(app.payload)
    const malformed = [
      '{not json',
      '[]',
      'null',
      '"Bounce"',
      JSON.stringify({ Type: 'HardBounce' }),
      JSON.stringify({ ...bounceBody(2, postmarkId, email), ID: 'two' }),
      JSON.stringify({ ...bounceBody(2, postmarkId, email), BouncedAt: 'yesterday' }),
      JSON.stringify({ ...deliveryBody(postmarkId, email), MessageID: 7 }),
      JSON.stringify({
        ...clickBody(postmarkId, email, 'https://example.com', '2026-11-01T10:00:00Z'),
        OriginalLink: null,
      }),
      JSON.stringify({ ...openBody(postmarkId, email, '2026-11-01T10:00:00Z'), Metadata: 'x' }),
      JSON.stringify({
        ...subscriptionChangeBody(postmarkId, email, true, '2026-11-01T10:00:00Z'),
        SuppressSending: 'yes',
      }),
      JSON.stringify(
        clickBody(postmarkId, email, 'https://example.com/\u0000', '2026-11-01T10:00:00Z'),
      ),
    ]
    for (const body of malformed) expect((await deliver(body)).status).toBe(400)
    const unknown = await deliver({ RecordType: 'Inbound', MessageID: postmarkId })
    expect(unknown.status).toBe(200)
    expect(await unknown.json()).toEqual({ outcome: 'ignored', recordType: 'Inbound' })
    expect(await stateOf(app.payload)).toEqual(before)
  })
})

describe('each RecordType has its effect once when delivered twice', () => {
  it('Delivery marks the message delivered', async () => {
    const { email, messageId, postmarkId } = await sentMessage()
    await deliverTwice(deliveryBody(postmarkId, email, '2026-11-01T10:00:00Z'))
    expect(await messageRow(messageId)).toMatchObject({
      deliveredAt: '2026-11-01T10:00:00.000Z',
      status: 'delivered',
    })
    expect(await eventRows(messageId)).toEqual([{ type: 'delivered', url: null }])
  })

  it('a hard Bounce marks the message and the contact bounced', async () => {
    const { contactId, email, messageId, postmarkId } = await sentMessage()
    await deliverTwice(bounceBody(100, postmarkId, email))
    expect(await messageRow(messageId)).toMatchObject({
      bouncedAt: '2026-11-01T10:05:00.000Z',
      status: 'bounced',
    })
    expect(await contactRow(contactId)).toMatchObject({
      status: 'bounced',
      statusReason: expect.stringContaining('HardBounce'),
    })
  })

  it('soft bounces mark the contact only after the limit in a row; a delivery resets the run', async () => {
    const { contactId, email, postmarkId } = await sentMessage()
    await deliverTwice(bounceBody(200, postmarkId, email, 'SoftBounce', '2026-11-02T10:00:00Z'))
    await deliverTwice(bounceBody(201, postmarkId, email, 'SoftBounce', '2026-11-03T10:00:00Z'))
    const later = await enqueueMessage(app.payload, {
      contact: contactId,
      html: '<p>2</p>',
      kind: 'campaign',
      subject: '2',
      to: email,
    })
    await app.payload.db.drizzle.execute(
      sql`UPDATE ${tables.messages} SET status = 'sent', postmark_message_id = ${`${postmarkId}-b`} WHERE id = ${later.id}`,
    )
    await deliverTwice(deliveryBody(`${postmarkId}-b`, email, '2026-11-04T10:00:00Z'))
    await deliverTwice(bounceBody(202, postmarkId, email, 'SoftBounce', '2026-11-05T10:00:00Z'))
    await deliverTwice(bounceBody(203, postmarkId, email, 'SoftBounce', '2026-11-06T10:00:00Z'))
    expect((await contactRow(contactId)).status).toBe('active')
    await deliverTwice(bounceBody(204, postmarkId, email, 'SoftBounce', '2026-11-07T10:00:00Z'))
    expect(await contactRow(contactId)).toMatchObject({
      status: 'bounced',
      statusReason: expect.stringContaining('3 soft bounces'),
    })
  })

  it('SpamComplaint marks message and contact complained and leaves every list', async () => {
    const { contactId, email, messageId, postmarkId } = await sentMessage()
    eventsBefore = await eventMark(app.payload)
    await deliverTwice(spamComplaintBody(300, postmarkId, email))
    expect((await messageRow(messageId)).status).toBe('complained')
    expect((await contactRow(contactId)).status).toBe('complained')
    for (const list of listIds)
      expect(await subscriptionStatus(app.payload, contactId, list)).toBe('unsubscribed')
    expect(await published()).toEqual([
      {
        contactId,
        field: 'status',
        previousValue: 'active',
        type: 'contact.fieldChanged',
        value: 'complained',
      },
      ...listIds.map((listId) => ({ contactId, listId, type: 'list.unsubscribed' })),
    ])
  })

  it('Open: first open sets openedAt, every distinct open counts once, found by Metadata.messageId', async () => {
    const { contactId, email, messageId } = await sentMessage()
    eventsBefore = await eventMark(app.payload)
    const metadata = { messageId: String(messageId) }
    await deliverTwice(openBody('unknown-to-us', email, '2026-11-01T11:00:00Z', metadata))
    await deliverTwice({
      ...openBody('unknown-to-us', email, '2026-11-01T12:00:00Z', metadata),
      FirstOpen: false,
    })
    expect(await messageRow(messageId)).toMatchObject({
      openCount: 2,
      openedAt: '2026-11-01T11:00:00.000Z',
    })
    expect(await published()).toEqual([
      { contactId, messageId, type: 'email.opened' },
      { contactId, messageId, type: 'email.opened' },
    ])
  })

  it('Click records the link on an event row and counts', async () => {
    const { contactId, email, messageId, postmarkId } = await sentMessage()
    eventsBefore = await eventMark(app.payload)
    await deliverTwice(
      clickBody(postmarkId, email, 'https://example.com/a', '2026-11-01T11:00:00Z'),
    )
    await deliverTwice(
      clickBody(postmarkId, email, 'https://example.com/b', '2026-11-01T11:05:00Z'),
    )
    expect(await messageRow(messageId)).toMatchObject({
      clickCount: 2,
      clickedAt: '2026-11-01T11:00:00.000Z',
    })
    expect(await eventRows(messageId)).toEqual([
      { type: 'clicked', url: 'https://example.com/a' },
      { type: 'clicked', url: 'https://example.com/b' },
    ])
    expect(await published()).toEqual([
      { contactId, messageId, type: 'email.clicked', url: 'https://example.com/a' },
      { contactId, messageId, type: 'email.clicked', url: 'https://example.com/b' },
    ])
  })

  it('SubscriptionChange unsubscribes a suppressed contact and reactivates it', async () => {
    const { contactId, email, postmarkId } = await sentMessage()
    await deliverTwice(subscriptionChangeBody(postmarkId, email, true, '2026-11-01T12:00:00Z'))
    expect((await contactRow(contactId)).status).toBe('unsubscribed')
    for (const list of listIds)
      expect(await subscriptionStatus(app.payload, contactId, list)).toBe('unsubscribed')
    await deliverTwice(
      subscriptionChangeBody(null, email.toUpperCase(), false, '2026-11-02T12:00:00Z'),
    )
    expect((await contactRow(contactId)).status).toBe('active')
  })
})

describe('recordPostmarkWebhook', () => {
  it('answers 409 to an event about a campaign email Postmark accepted before its row was written, and records it once the row is there', async () => {
    const written = await sentMessage()
    const [{ id }] = rowsOf<{ id: number }>(
      await app.payload.db.drizzle.execute(
        sql`SELECT nextval(pg_get_serial_sequence(${tableNames.messages}, 'id'))::int AS id`,
      ),
    )
    const leases = sendLeasesTable(app.payload)
    await app.payload.db.drizzle.execute(sql`
      INSERT INTO ${leases} (stream, claimed_at, lease_until, ids, campaign_ids, contact_ids, variants)
      VALUES ('broadcast', now(), now() + interval '5 minutes', ${`{${id}}`}, '{1}', ${`{${written.contactId}}`}, '{0}')`)
    const body = {
      ...deliveryBody('pm-leased-0000', written.email, '2026-11-02T10:00:00Z'),
      Metadata: { messageId: String(id) },
    }
    const early = await deliver(body)
    expect(early.status).toBe(409)
    expect(await early.json()).toEqual({
      errors: [
        expect.objectContaining({
          message: expect.stringContaining(`Message ${id} is still being recorded`),
        }),
      ],
    })
    expect(await eventRows(id)).toEqual([])

    // The sender's result transaction: the lease goes, the row comes (a copy of a sent row, with the leased id).
    await app.payload.db.drizzle.execute(sql`DELETE FROM ${leases}`)
    await app.payload.db.drizzle.execute(sql`
      INSERT INTO ${tables.messages}
      SELECT * FROM jsonb_populate_record(NULL::${tables.messages}, (
        SELECT to_jsonb(m) || jsonb_build_object('id', ${id}::int, 'postmark_message_id', 'pm-leased-0000', 'dedupe_key', NULL)
        FROM ${tables.messages} m WHERE m.id = ${written.messageId}))`)
    const retried = await deliver(body)
    expect(retried.status).toBe(200)
    expect(await messageRow(id)).toMatchObject({ status: 'delivered' })
    expect(await eventRows(id)).toEqual([{ type: 'delivered', url: null }])
  })

  it('is the same core without HTTP: typed error for bad input, ignored for unknown messages', async () => {
    await expect(recordPostmarkWebhook(app.payload, { RecordType: 'Open' })).rejects.toMatchObject({
      status: 400,
    })
    expect(
      await recordPostmarkWebhook(
        app.payload,
        openBody('nobody-knows', 'x@example.com', '2026-11-01T11:00:00Z'),
      ),
    ).toEqual({
      outcome: 'ignored',
      recordType: 'Open',
    })
  })
})
