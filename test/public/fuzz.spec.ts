import { sql } from '@payloadcms/db-postgres'

import { enqueueMessage } from '../../src/sending/enqueueMessages'
import { confirmationUrlFor } from '../../src/subscriptions/sendConfirmationEmail'
import { unsubscribeUrlFor } from '../../src/subscriptions/unsubscribeLinks'
import { createApiClient } from '../helpers/apiClient'
import { bootTestPayload, type TestPayload } from '../helpers/bootTestPayload'
import { fuzzRequest, type FuzzMaterial, randomSource } from './fuzzRequests'
import { basicAuth, createContact, createList, stateOf, webhookCredentials } from './publicFixture'
import { tables } from '../helpers/slugs'

const requestCount = Number(process.env.FUZZ_REQUESTS ?? 5_000)
const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 1_000_000)

let app: TestPayload
let api: ReturnType<typeof createApiClient>
let material: FuzzMaterial

beforeAll(async () => {
  app = await bootTestPayload({
    cacheKey: 'default',
    name: 'public-fuzz',
    plugin: { webhooks: webhookCredentials },
  })
  api = createApiClient(app.config)
  const { payload } = app
  const news = await createList(payload, {
    doubleOptIn: true,
    name: 'News',
    public: true,
    slug: 'news',
  })
  const staff = await createList(payload, {
    doubleOptIn: false,
    name: 'Staff',
    public: false,
    slug: 'staff',
  })
  const validTokens: string[] = []
  for (const email of ['known@example.com', 'someone@example.com', 'x@example.com']) {
    const contact = await createContact(payload, email, [news.id, staff.id])
    const message = await enqueueMessage(payload, {
      contact: contact.id,
      html: '<p>Hi</p>',
      kind: 'campaign',
      subject: 'Hi',
      to: email,
    })
    await payload.db.drizzle.execute(
      sql`UPDATE ${tables.messages} SET status = 'sent', postmark_message_id = ${`pm-${message.id}`} WHERE id = ${message.id}`,
    )
    for (const url of [
      unsubscribeUrlFor(payload, { contactId: contact.id, messageId: message.id }),
      confirmationUrlFor(payload, { consent: {}, contactId: contact.id, listIds: [news.id] }),
    ]) {
      validTokens.push(new URL(url).searchParams.get('token')!)
    }
  }
  material = {
    basicAuth: basicAuth(webhookCredentials),
    email: 'known@example.com',
    postmarkId: 'pm-1',
    validTokens,
  }
})

afterAll(async () => {
  await app?.shutdown()
})

it(`answers ${requestCount} random and malformed requests without a 5xx or a state change`, async () => {
  const random = randomSource(seed)
  const before = await stateOf(app.payload)
  const statuses = new Map<number, number>()
  const serverErrors: string[] = []
  let sent = 0
  const worker = async () => {
    while (sent < requestCount) {
      sent += 1
      const { description, request } = fuzzRequest(
        random,
        material,
        'http://localhost:3000/api/email-marketing',
      )
      const response = await api.raw(request)
      await response.arrayBuffer()
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1)
      if (response.status >= 500) serverErrors.push(`${response.status} ${description}`)
    }
  }
  await Promise.all(Array.from({ length: 8 }, worker))
  const total = [...statuses.values()].reduce((sum, count) => sum + count, 0)
  console.log(
    `fuzz: ${total} requests (seed ${seed}), statuses ${JSON.stringify(Object.fromEntries([...statuses].sort()))}`,
  )
  expect(serverErrors.slice(0, 5)).toEqual([])
  expect(total).toBeGreaterThanOrEqual(requestCount)
  expect(await stateOf(app.payload)).toEqual(before)
})
