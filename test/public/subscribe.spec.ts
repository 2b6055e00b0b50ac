import { sql } from '@payloadcms/db-postgres'

import { rememberPeerAddress } from '../../src/access/clientAddress'
import { confirmationUrlFor } from '../../src/subscriptions/sendConfirmationEmail'
import { rateLimitTableName } from '../../src/subscriptions/rateLimitTable'
import { rowsOf } from '../../src/utilities/db'
import { createApiClient } from '../helpers/apiClient'
import { bootTestPayload, type TestPayload } from '../helpers/bootTestPayload'
import { eventMark, recordedEvents } from '../helpers/recordedEvents'
import { createContact, createList, formBody, stateOf, subscriptionStatus } from './publicFixture'
import { slugs, tables } from '../helpers/slugs'

let app: TestPayload
let api: ReturnType<typeof createApiClient>
let lists: { news: number; privateList: number; updates: number; instant: number }
let eventsBefore = 0
const published = () => recordedEvents(app.payload, eventsBefore)

const base = 'http://localhost:3000/api/email-marketing'

// Each request comes from `ip` as its socket address (what a server registers with rememberPeerAddress).
const postJson = (path: string, body: unknown, ip = '203.0.113.1') =>
  api.raw(
    rememberPeerAddress(
      new Request(`${base}${path}`, {
        body: JSON.stringify(body),
        headers: { 'content-type': 'application/json', 'user-agent': 'jest-agent' },
        method: 'POST',
      }),
      ip,
    ),
  )

const get = (url: string, ip = '203.0.113.9') =>
  api.raw(rememberPeerAddress(new Request(url, { headers: { 'user-agent': 'confirm-agent' } }), ip))

/** What the confirmation page's form sends: the token as a form field, to the link's own address. */
const postConfirm = (link: string, ip = '203.0.113.9') =>
  api.raw(
    rememberPeerAddress(
      new Request(link, {
        body: formBody({ token: new URL(link).searchParams.get('token')! }),
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'user-agent': 'confirm-agent',
        },
        method: 'POST',
      }),
      ip,
    ),
  )

const confirmationLinkTo = async (email: string): Promise<string> => {
  const [message] = rowsOf<{ text: string }>(
    await app.payload.db.drizzle.execute(
      sql`SELECT text FROM ${tables.messages} WHERE to_address = ${email} ORDER BY id DESC LIMIT 1`,
    ),
  )
  const link = /https?:\/\/\S+\/confirm\?token=\S+/.exec(message?.text ?? '')?.[0]
  if (!link) throw new Error(`no confirmation email to ${email}`)
  return link
}

const contactIdOf = async (email: string): Promise<number> =>
  (
    (await app.payload.find({ collection: slugs.contacts, where: { email: { equals: email } } }))
      .docs[0] as { id: number }
  ).id

beforeAll(async () => {
  app = await bootTestPayload({
    cacheKey: 'default',
    name: 'public-subscribe',
    plugin: { subscribeRateLimit: { perAddress: 3, perIp: 10 } },
  })
  api = createApiClient(app.config)
  const { payload } = app
  lists = {
    instant: (
      await createList(payload, {
        doubleOptIn: false,
        name: 'Instant',
        public: true,
        slug: 'instant',
      })
    ).id,
    news: (
      await createList(payload, { doubleOptIn: true, name: 'News', public: true, slug: 'news' })
    ).id,
    privateList: (
      await createList(payload, { doubleOptIn: false, name: 'Staff', public: false, slug: 'staff' })
    ).id,
    updates: (
      await createList(payload, {
        doubleOptIn: true,
        name: 'Updates',
        public: true,
        slug: 'updates',
      })
    ).id,
  }
})

afterAll(async () => {
  await app?.shutdown()
})

describe('subscribe form', () => {
  it('serves an accessible HTML form for a public list and 404 for a private or unknown one', async () => {
    const response = await get(`${base}/subscribe?list=news`)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toContain('text/html')
    const html = await response.text()
    expect(html).toContain('<label for="email">Email address</label>')
    expect(html).toContain('id="email" name="email" type="email"')
    expect(html).toContain('<html lang="en">')
    expect((await get(`${base}/subscribe?list=staff`)).status).toBe(404)
    expect((await get(`${base}/subscribe?list=nope`)).status).toBe(404)
  })
})

describe('double opt-in', () => {
  it('answers the same for unknown, pending and subscribed addresses', async () => {
    const known = await createContact(app.payload, 'known@example.com', [lists.news])
    const answers = []
    for (const [email, ip] of [
      ['fresh@example.com', '198.51.100.1'],
      ['known@example.com', '198.51.100.2'],
      ['fresh@example.com', '198.51.100.3'],
    ]) {
      const response = await postJson('/subscribe', { email, list: 'news' }, ip)
      answers.push({
        body: await response.text(),
        status: response.status,
        type: response.headers.get('content-type'),
      })
    }
    expect(answers[0]!.status).toBe(200)
    expect(answers[1]).toEqual(answers[0])
    expect(answers[2]).toEqual(answers[0])
    expect(JSON.parse(answers[0]!.body)).toEqual({
      doubleOptIn: true,
      message: expect.stringContaining('confirm'),
    })
    expect(await subscriptionStatus(app.payload, known.id, lists.news)).toBe('subscribed')
    expect(
      await subscriptionStatus(app.payload, await contactIdOf('fresh@example.com'), lists.news),
    ).toBe('pending')
  })

  it('shows a confirm button on GET without confirming; the POST confirms and records consent; a second POST changes nothing', async () => {
    await postJson(
      '/subscribe',
      {
        consentText: 'Yes, send me News.',
        email: 'Reader@Example.com',
        form: 'footer',
        lists: ['news', 'updates'],
      },
      '198.51.100.4',
    )
    const contactId = await contactIdOf('reader@example.com')
    expect(await subscriptionStatus(app.payload, contactId, lists.news)).toBe('pending')
    const link = await confirmationLinkTo('reader@example.com')
    expect(link.startsWith('http://localhost:3000/api/email-marketing/confirm?token=')).toBe(true)
    eventsBefore = await eventMark(app.payload)

    // A mail scanner following the link confirms nothing: the page asks with a form POST.
    const stateBeforeGet = await stateOf(app.payload)
    const page = await get(link)
    expect(page.status).toBe(200)
    const html = await page.text()
    expect(html).toMatch(
      /<form method="post"><input type="hidden" name="token" value="[^"]+"><button type="submit">Confirm subscription<\/button><\/form>/,
    )
    expect(html).not.toContain('<script')
    expect(await stateOf(app.payload)).toEqual(stateBeforeGet)
    expect(await subscriptionStatus(app.payload, contactId, lists.news)).toBe('pending')
    expect((await published()).filter((event) => event.type === 'list.subscribed')).toHaveLength(0)

    const first = await postConfirm(link)
    expect(first.status).toBe(200)
    expect(await first.text()).toContain('your subscription is confirmed')
    expect(await subscriptionStatus(app.payload, contactId, lists.news)).toBe('subscribed')
    expect(await subscriptionStatus(app.payload, contactId, lists.updates)).toBe('subscribed')
    const contact = (await app.payload.findByID({
      collection: slugs.contacts,
      id: contactId,
    })) as any
    expect(contact.consent).toMatchObject({
      form: 'footer',
      ip: '203.0.113.9',
      text: 'Yes, send me News.',
      userAgent: 'confirm-agent',
    })
    expect(new Date(contact.consent.at).getTime()).toBeGreaterThan(Date.now() - 60_000)
    expect((await published()).filter((event) => event.type === 'list.subscribed')).toHaveLength(2)

    const before = await stateOf(app.payload)
    const second = await postConfirm(link)
    expect(second.status).toBe(200)
    expect(await stateOf(app.payload)).toEqual(before)
    expect((await published()).filter((event) => event.type === 'list.subscribed')).toHaveLength(2)
  })

  it('refuses a tampered or expired confirmation link with a 4xx and changes nothing', async () => {
    await postJson('/subscribe', { email: 'late@example.com', list: 'news' }, '198.51.100.5')
    const contactId = await contactIdOf('late@example.com')
    const link = await confirmationLinkTo('late@example.com')
    const token = new URL(link).searchParams.get('token')!
    const [body, signature] = token.split('.')
    const claims = JSON.parse(Buffer.from(body!, 'base64url').toString())
    const forged = `${Buffer.from(JSON.stringify({ ...claims, listIds: [lists.privateList] })).toString('base64url')}.${signature}`
    const flipped = `${body}.${signature!.slice(0, -2)}${signature!.endsWith('AA') ? 'BB' : 'AA'}`
    const expired = new URL(
      confirmationUrlFor(app.payload, {
        consent: {},
        contactId,
        listIds: [lists.news],
        now: new Date(Date.now() - 73 * 3600_000),
      }),
    ).searchParams.get('token')!
    const before = await stateOf(app.payload)
    for (const bad of [forged, flipped, `${body}`, 'garbage', '', `${token}x`]) {
      const url = `${base}/confirm?token=${encodeURIComponent(bad)}`
      expect((await get(url)).status).toBe(400)
      expect((await postConfirm(url)).status).toBe(400)
    }
    for (const answer of [
      await get(`${base}/confirm?token=${encodeURIComponent(expired)}`),
      await postConfirm(`${base}/confirm?token=${encodeURIComponent(expired)}`),
    ]) {
      expect(answer.status).toBe(410)
      expect(await answer.text()).toContain('expired')
    }
    expect(await stateOf(app.payload)).toEqual(before)
    expect(await subscriptionStatus(app.payload, contactId, lists.news)).toBe('pending')
  })
})

describe('single opt-in and the HTML form POST', () => {
  it('subscribes at once from a URL-encoded form and answers with a page', async () => {
    eventsBefore = await eventMark(app.payload)
    const response = await api.raw(
      new Request(`${base}/subscribe?list=instant`, {
        body: formBody({
          consent: 'yes',
          consentText: 'I agree',
          email: 'form@example.com',
          form: 'subscribe-form:instant',
          list: 'instant',
        }),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        method: 'POST',
      }),
    )
    expect(response.status).toBe(200)
    expect(await response.text()).toContain('you are subscribed')
    const contactId = await contactIdOf('form@example.com')
    expect(await subscriptionStatus(app.payload, contactId, lists.instant)).toBe('subscribed')
    expect((await published()).filter((event) => event.type === 'list.subscribed')).toEqual([
      { contactId, listId: lists.instant, type: 'list.subscribed' },
    ])
  })

  it('refuses private lists, unknown lists, bad addresses and a form without consent, changing nothing', async () => {
    const before = await stateOf(app.payload)
    const bad = [
      { email: 'x@example.com', list: 'staff' },
      { email: 'x@example.com', list: 'nope' },
      { email: 'not-an-address', list: 'news' },
      { email: 'x@example.com' },
      { email: 'x\u0000@example.com', list: 'news' },
      { email: 'x@example.com', list: 'news\u0000' },
    ]
    for (const body of bad)
      expect((await postJson('/subscribe', body, '198.51.100.7')).status).toBe(400)
    const noConsent = await api.raw(
      new Request(`${base}/subscribe`, {
        body: formBody({ email: 'x@example.com', list: 'instant' }),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        method: 'POST',
      }),
    )
    expect(noConsent.status).toBe(400)
    expect(await noConsent.text()).toContain('role="alert"')
    expect(await stateOf(app.payload)).toEqual(before)
  })
})

describe('rate limits', () => {
  it('holds per address across IPs', async () => {
    const statuses = []
    for (let i = 0; i < 5; i++)
      statuses.push(
        (
          await postJson(
            '/subscribe',
            { email: 'eager@example.com', list: 'news' },
            `192.0.2.${i + 10}`,
          )
        ).status,
      )
    expect(statuses).toEqual([200, 200, 200, 429, 429])
  })

  it('holds per IP across addresses', async () => {
    const statuses = []
    for (let i = 0; i < 12; i++)
      statuses.push(
        (
          await postJson(
            '/subscribe',
            { email: `many${i}@example.com`, list: 'news' },
            '192.0.2.200',
          )
        ).status,
      )
    expect(statuses.filter((status) => status === 200)).toHaveLength(10)
    expect(statuses.slice(10)).toEqual([429, 429])
    const [row] = rowsOf<{ count: number }>(
      await app.payload.db.drizzle.execute(
        sql`SELECT count(*)::int AS count FROM ${sql.identifier(rateLimitTableName)}`,
      ),
    )
    expect(row!.count).toBeGreaterThan(0)
  })
})
