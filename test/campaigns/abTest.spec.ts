import { REST_POST } from '@payloadcms/next/routes'
import { sql } from '@payloadcms/db-postgres'

import { sendCampaign } from '../../src/index'
import { campaignStats } from '../../src/campaigns/campaignStats'
import { campaignTick } from '../../src/campaigns/campaignTick'
import { drainOutbox } from '../../src/sending/drainOutbox'
import { rowsOf } from '../../src/utilities/db'
import { testPostmarkToken } from '../helpers/bootSendingApp'
import { bootTestPayload, type TestPayload } from '../helpers/bootTestPayload'
import { type FakePostmark, startFakePostmark } from '../postmark/fakePostmarkServer'
import { createCampaign, createList, seedSubscribers, sendToCompletion } from './campaignFixtures'
import { slugs, tables } from '../helpers/slugs'

let app: TestPayload
let postmark: FakePostmark
const credentials = { password: 'hook-secret', username: 'postmark' }
const audienceSize = 1000

beforeAll(async () => {
  postmark = await startFakePostmark({ serverToken: testPostmarkToken })
  app = await bootTestPayload({
    cacheKey: 'default',
    name: 'campaign_ab',
    plugin: {
      postmark: { apiUrl: postmark.url, serverToken: testPostmarkToken, timeoutMs: 2000 },
      sending: { from: { address: 'news@example.com', name: 'Test sender' } },
      webhooks: credentials,
    },
  })
})

afterAll(async () => {
  await app?.shutdown()
  await postmark?.close()
})

/** An Open event as Postmark posts it, through the real route handler with basic auth. */
const deliverOpen = async (row: { email: string; id: number; pmid: string }) => {
  const body = {
    FirstOpen: true,
    MessageID: row.pmid,
    MessageStream: 'broadcast',
    Metadata: { messageId: String(row.id) },
    Platform: 'WebMail',
    ReceivedAt: new Date().toISOString(),
    Recipient: row.email,
    RecordType: 'Open',
    UserAgent: 'Mozilla/5.0',
  }
  const request = new Request('http://localhost:3000/api/email-marketing/webhooks/postmark', {
    body: JSON.stringify(body),
    headers: {
      authorization: `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`,
      'content-type': 'application/json',
    },
    method: 'POST',
  })
  const response = await REST_POST(app.config)(request, {
    params: Promise.resolve({ slug: ['email-marketing', 'webhooks', 'postmark'] }),
  })
  expect(response.status).toBe(200)
}

const rowsOfCampaign = async (id: number) =>
  rowsOf<{ email: string; id: number; pmid: string; variant: number }>(
    await app.payload.db.drizzle.execute(sql`
      SELECT id, to_address AS email, postmark_message_id AS pmid, variant::int AS variant FROM ${tables.messages} WHERE campaign_id = ${id} ORDER BY id`),
  )

const minutesFromNow = (minutes: number) => () => new Date(Date.now() + minutes * 60_000)

it('sends the test share to variants evenly, picks the winner from webhook opens after the wait, and sends the rest only the winner', async () => {
  const listId = await createList(app.payload, 'AB readers')
  await seedSubscribers(app.payload, { count: audienceSize, listId, prefix: 'ab' })
  const id = await createCampaign(app.payload, {
    abTest: {
      enabled: true,
      testOn: 'subject',
      testPercent: 20,
      variants: [{ subject: 'Subject A' }, { subject: 'Subject B' }],
      waitMinutes: 60,
      winnerMetric: 'open',
    },
    audience: { lists: [listId] },
  })
  await sendCampaign(app.payload, id)
  await campaignTick(app.payload)
  await drainOutbox(app.payload)
  expect(await app.payload.findByID({ collection: slugs.campaigns, id })).toMatchObject({
    fanOut: { phase: 'waiting' },
    status: 'sending',
  })

  const test = await rowsOfCampaign(id)
  expect(test.length).toBeGreaterThan(audienceSize * 0.12)
  expect(test.length).toBeLessThan(audienceSize * 0.28)
  const variantA = test.filter((row) => row.variant === 0)
  const variantB = test.filter((row) => row.variant === 1)
  expect(Math.abs(variantA.length - variantB.length)).toBeLessThanOrEqual(1)
  expect(postmark.accepted).toHaveLength(test.length)
  expect(new Set(postmark.accepted.map((message) => message.Subject))).toEqual(
    new Set(['Subject A', 'Subject B']),
  )

  // B opens at 50%, A at 10%: B must win on open rate.
  for (const row of variantB.filter((_, index) => index % 2 === 0)) await deliverOpen(row)
  for (const row of variantA.filter((_, index) => index % 10 === 0)) await deliverOpen(row)

  await campaignTick(app.payload, { now: minutesFromNow(30)() })
  expect(await app.payload.findByID({ collection: slugs.campaigns, id })).toMatchObject({
    abTest: { winner: null },
    fanOut: { phase: 'waiting' },
  })

  await sendToCompletion(app.payload, id, { now: minutesFromNow(61) })
  expect(await app.payload.findByID({ collection: slugs.campaigns, id })).toMatchObject({
    abTest: { winner: 1 },
    status: 'sent',
  })

  const all = await rowsOfCampaign(id)
  const testIds = new Set(test.map((row) => row.id))
  const remainder = all.filter((row) => !testIds.has(row.id))
  expect(remainder).toHaveLength(audienceSize - test.length)
  expect(remainder.every((row) => row.variant === 1)).toBe(true)
  const remainderAddresses = new Set(remainder.map((row) => row.email))
  const remainderSubjects = postmark.accepted
    .filter((message) => remainderAddresses.has(message.To))
    .map((message) => message.Subject)
  expect(new Set(remainderSubjects)).toEqual(new Set(['Subject B']))
  expect(new Set(postmark.accepted.map((message) => message.To)).size).toBe(audienceSize)
  expect(postmark.duplicates()).toEqual([])

  const stats = await campaignStats(app.payload, id)
  expect(stats.recipients).toBe(audienceSize)
  expect(stats.variants.map((variant) => [variant.label, variant.opened])).toEqual([
    ['A', Math.ceil(variantA.length / 10)],
    ['B', Math.ceil(variantB.length / 2)],
  ])
}, 400_000)
