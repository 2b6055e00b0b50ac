import { sql } from '@payloadcms/db-postgres'

import { enqueueMessage } from '../../src/sending/enqueueMessages'
import { rowsOf } from '../../src/utilities/db'
import { createApiClient } from '../helpers/apiClient'
import { bootTestPayload, type TestPayload } from '../helpers/bootTestPayload'
import { postmarkExampleBodies } from './postmarkExamples'
import { basicAuth, createContact, createList, webhookCredentials } from './publicFixture'
import { slugs, tables } from '../helpers/slugs'

let app: TestPayload
let api: ReturnType<typeof createApiClient>
let john: { contactId: number; first: number; second: number }
let suppressedContact: number
let listId: number

const deliver = async (text: string) => {
  const response = await api.raw(
    new Request('http://localhost:3000/api/email-marketing/webhooks/postmark', {
      body: text,
      headers: { authorization: basicAuth(webhookCredentials), 'content-type': 'application/json' },
      method: 'POST',
    }),
  )
  return { body: await response.json(), status: response.status }
}

/** A sent message to `email` that Postmark knows by `postmarkId`. */
const sentMessage = async (
  contactId: number,
  email: string,
  postmarkId: string,
): Promise<number> => {
  const message = await enqueueMessage(app.payload, {
    contact: contactId,
    html: '<p>Hi</p>',
    kind: 'campaign',
    subject: 'Hi',
    to: email,
  })
  await app.payload.db.drizzle.execute(
    sql`UPDATE ${tables.messages} SET status = 'sent', postmark_message_id = ${postmarkId} WHERE id = ${message.id}`,
  )
  return message.id
}

const message = async (id: number) =>
  (await app.payload.findByID({ collection: slugs.messages, id })) as any
const contactStatus = async (id: number) =>
  ((await app.payload.findByID({ collection: slugs.contacts, id })) as any).status
const events = async () =>
  rowsOf<{ dedupe_key: string; id_text: null | string; type: string }>(
    await app.payload.db.drizzle.execute(
      sql`SELECT type::text, dedupe_key, details->>'ID' AS id_text FROM ${tables.messageEvents} ORDER BY id`,
    ),
  )

beforeAll(async () => {
  app = await bootTestPayload({
    cacheKey: 'default',
    name: 'webhook_examples',
    plugin: { webhooks: webhookCredentials },
  })
  api = createApiClient(app.config)
  listId = (
    await createList(app.payload, { doubleOptIn: false, name: 'News', public: true, slug: 'news' })
  ).id
  const contact = await createContact(app.payload, 'john@example.com', [listId])
  john = {
    contactId: contact.id,
    first: await sentMessage(
      contact.id,
      'john@example.com',
      '883953f4-6105-42a2-a16a-77a8eac79483',
    ),
    second: await sentMessage(
      contact.id,
      'john@example.com',
      '00000000-0000-0000-0000-000000000000',
    ),
  }
  suppressedContact = (await createContact(app.payload, 'bounced-address@wildbit.com', [listId])).id
})

afterAll(async () => {
  await app?.shutdown()
})

describe("Postmark's documented example bodies, sent verbatim", () => {
  it('Delivery marks the message delivered', async () => {
    expect(await deliver(postmarkExampleBodies.Delivery)).toEqual({
      body: { outcome: 'recorded', recordType: 'Delivery' },
      status: 200,
    })
    expect((await message(john.first)).status).toBe('delivered')
  })

  it('Open sets the first open of the message', async () => {
    expect(await deliver(postmarkExampleBodies.Open)).toEqual({
      body: { outcome: 'recorded', recordType: 'Open' },
      status: 200,
    })
    expect((await message(john.first)).events.openedAt).toBe('2019-11-05T16:33:54.907Z')
  })

  it('Click records the link on the message Postmark names', async () => {
    expect(await deliver(postmarkExampleBodies.Click)).toEqual({
      body: { outcome: 'recorded', recordType: 'Click' },
      status: 200,
    })
    expect((await message(john.second)).events.clickedAt).toBe('2017-10-25T15:21:11.000Z')
  })

  it('Bounce with the 64-bit ID 4323372036854775807 marks message and contact bounced, keeping every digit', async () => {
    expect(await deliver(postmarkExampleBodies.Bounce)).toEqual({
      body: { outcome: 'recorded', recordType: 'Bounce' },
      status: 200,
    })
    expect((await message(john.first)).status).toBe('bounced')
    expect(await contactStatus(john.contactId)).toBe('bounced')
    const bounce = (await events()).find((event) => event.type === 'bounced')
    expect(bounce).toEqual({
      dedupe_key: 'bounce:4323372036854775807',
      id_text: '4323372036854775807',
      type: 'bounced',
    })
    // Redelivered, it is recognised by the exact id.
    expect((await deliver(postmarkExampleBodies.Bounce)).body.outcome).toBe('duplicate')
  })

  it('SpamComplaint marks the message complained', async () => {
    expect(await deliver(postmarkExampleBodies.SpamComplaint)).toEqual({
      body: { outcome: 'recorded', recordType: 'SpamComplaint' },
      status: 200,
    })
    expect((await message(john.second)).status).toBe('complained')
    expect((await events()).map((event) => event.dedupe_key)).toContain('spam:42')
  })

  it('SubscriptionChange suppresses the recipient', async () => {
    // The documentation's examples share one MessageID; in real traffic this one belongs to a message to the recipient.
    await app.payload.db.drizzle.execute(
      sql`UPDATE ${tables.messages} SET postmark_message_id = NULL WHERE id = ${john.first}`,
    )
    expect(await deliver(postmarkExampleBodies.SubscriptionChange)).toEqual({
      body: { outcome: 'recorded', recordType: 'SubscriptionChange' },
      status: 200,
    })
    expect(await contactStatus(suppressedContact)).toBe('bounced')
    expect((await events()).filter((event) => event.type === 'subscriptionChanged')).toHaveLength(1)
  })

  it('applies a body with unknown extra fields and without the optional ones', async () => {
    const minimal = `{"RecordType":"Open","MessageID":"00000000-0000-0000-0000-000000000000","ReceivedAt":"2019-11-06T08:00:00Z","FutureField":{"Nested":[1,2,18446744073709551615]},"AnotherNewFlag":true}`
    expect(await deliver(minimal)).toEqual({
      body: { outcome: 'recorded', recordType: 'Open' },
      status: 200,
    })
    expect((await message(john.second)).events.openedAt).toBe('2019-11-06T08:00:00.000Z')
  })

  it('answers 400 and logs the reason for a body validation rejects', async () => {
    const warnings: unknown[] = []
    const original = app.payload.logger.warn.bind(app.payload.logger)
    app.payload.logger.warn = ((entry: unknown) => {
      warnings.push(entry)
    }) as typeof app.payload.logger.warn
    try {
      const broken = postmarkExampleBodies.Bounce.replace(
        '"BouncedAt": "2019-11-05T16:33:54.9070259Z",',
        '',
      )
      expect((await deliver(broken)).status).toBe(400)
    } finally {
      app.payload.logger.warn = original
    }
    expect(JSON.stringify(warnings)).toContain(
      'Postmark webhook rejected (400): Malformed Postmark webhook: BouncedAt must be a non-empty string.',
    )
  })
})
