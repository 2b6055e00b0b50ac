import type { Payload } from 'payload'

import { enqueueMessage } from '../../src/sending/enqueueMessages'
import { signToken } from '../../src/subscriptions/tokens'
import {
  listUnsubscribeHeaders,
  postmarkUnsubscribePlaceholder,
  unsubscribeUrlFor,
} from '../../src/subscriptions/unsubscribeLinks'
import { createApiClient } from '../helpers/apiClient'
import { bootTestPayload, type TestPayload } from '../helpers/bootTestPayload'
import { eventMark, recordedEvents } from '../helpers/recordedEvents'
import { createContact, createList, formBody, stateOf, subscriptionStatus } from './publicFixture'
import { slugs } from '../helpers/slugs'

let app: TestPayload
let api: ReturnType<typeof createApiClient>
let listIds: number[]
let eventsBefore = 0
const published = () => recordedEvents(app.payload, eventsBefore)

const subscribedContactWithMessage = async (email: string) => {
  const contact = await createContact(app.payload, email, listIds)
  const message = await enqueueMessage(app.payload, {
    contact: contact.id,
    html: '<p>News</p>',
    kind: 'campaign',
    subject: 'News',
    to: email,
  })
  return { contactId: contact.id, messageId: message.id }
}

const contactStatus = async (id: number) =>
  ((await app.payload.findByID({ collection: slugs.contacts, id })) as any).status

const post = (url: string, body: string, contentType = 'application/x-www-form-urlencoded') =>
  api.raw(new Request(url, { body, headers: { 'content-type': contentType }, method: 'POST' }))

beforeAll(async () => {
  app = await bootTestPayload({
    cacheKey: 'default',
    name: 'public-unsubscribe',
    plugin: { unsubscribe: { mailto: 'unsubscribe@example.com' } },
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

describe('links and headers', () => {
  it('builds a signed per-message URL and RFC 8058 headers', async () => {
    const ref = { contactId: 7, messageId: 42 }
    const url = new URL(unsubscribeUrlFor(app.payload, ref))
    expect(url.origin + url.pathname).toBe('http://localhost:3000/api/email-marketing/unsubscribe')
    expect(url.searchParams.get('token')).not.toBe(
      new URL(unsubscribeUrlFor(app.payload, { contactId: 7, messageId: 43 })).searchParams.get(
        'token',
      ),
    )
    expect(listUnsubscribeHeaders(app.payload, ref)).toEqual([
      {
        Name: 'List-Unsubscribe',
        Value: `<${url.toString()}>, <mailto:unsubscribe@example.com?subject=unsubscribe>`,
      },
      { Name: 'List-Unsubscribe-Post', Value: 'List-Unsubscribe=One-Click' },
    ])
  })

  it("uses Postmark's placeholder and no headers in 'postmark' mode", () => {
    const options = app.payload.config.custom.emailMarketing
    const postmarkMode = {
      config: {
        ...app.payload.config,
        custom: { emailMarketing: { ...options, unsubscribe: { mode: 'postmark' } } },
      },
    } as unknown as Payload
    expect(unsubscribeUrlFor(postmarkMode, { contactId: 1, messageId: 1 })).toBe(
      postmarkUnsubscribePlaceholder,
    )
    expect(listUnsubscribeHeaders(postmarkMode, { contactId: 1, messageId: 1 })).toEqual([])
  })
})

describe('one-click unsubscribe', () => {
  it('GET only shows a page; the one-click POST unsubscribes; a replay changes nothing', async () => {
    const ref = await subscribedContactWithMessage('oneclick@example.com')
    const url = unsubscribeUrlFor(app.payload, ref)
    const before = await stateOf(app.payload)
    const page = await api.raw(new Request(url))
    expect(page.status).toBe(200)
    expect(await page.text()).toContain(
      '<button type="submit">Unsubscribe from all emails</button>',
    )
    expect(await stateOf(app.payload)).toEqual(before)

    eventsBefore = await eventMark(app.payload)
    const first = await post(url, 'List-Unsubscribe=One-Click')
    expect(first.status).toBe(200)
    expect(await first.text()).toBe('Unsubscribed.')
    expect(await contactStatus(ref.contactId)).toBe('unsubscribed')
    for (const list of listIds)
      expect(await subscriptionStatus(app.payload, ref.contactId, list)).toBe('unsubscribed')
    expect((await published()).filter((event) => event.type === 'list.unsubscribed')).toHaveLength(
      2,
    )

    const after = await stateOf(app.payload)
    const replay = await post(url, 'List-Unsubscribe=One-Click')
    expect(replay.status).toBe(200)
    expect(await stateOf(app.payload)).toEqual(after)
    expect((await published()).filter((event) => event.type === 'list.unsubscribed')).toHaveLength(
      2,
    )
  })

  it('accepts the one-click body as multipart/form-data too', async () => {
    const ref = await subscribedContactWithMessage('multipart@example.com')
    const form = new FormData()
    form.set('List-Unsubscribe', 'One-Click')
    const response = await api.raw(
      new Request(unsubscribeUrlFor(app.payload, ref), { body: form, method: 'POST' }),
    )
    expect(response.status).toBe(200)
    expect(await contactStatus(ref.contactId)).toBe('unsubscribed')
  })

  it('accepts a link not tied to a message (messageId 0: automation emails sent before links were signed per message)', async () => {
    const { contactId } = await subscribedContactWithMessage('nomessage@example.com')
    const response = await post(
      unsubscribeUrlFor(app.payload, { contactId, messageId: 0 }),
      'List-Unsubscribe=One-Click',
    )
    expect(response.status).toBe(200)
    expect(await contactStatus(contactId)).toBe('unsubscribed')
  })

  it('refuses tampered, foreign and wrong-kind tokens with 400 and changes nothing', async () => {
    const ref = await subscribedContactWithMessage('tamper@example.com')
    const token = new URL(unsubscribeUrlFor(app.payload, ref)).searchParams.get('token')!
    const [body, signature] = token.split('.')
    const otherContact = Buffer.from(
      JSON.stringify({
        contactId: ref.contactId + 1,
        kind: 'unsubscribe',
        messageId: ref.messageId,
      }),
    ).toString('base64url')
    const bad = [
      `${otherContact}.${signature}`,
      `${body}.${signature!.slice(1)}`,
      signToken('some-other-secret', {
        contactId: ref.contactId,
        kind: 'unsubscribe',
        messageId: ref.messageId,
      }),
      signToken(app.payload.config.custom.emailMarketing.secret, {
        contactId: ref.contactId,
        expiresAt: 2e9,
        kind: 'confirm',
        listIds,
      }),
      signToken(app.payload.config.custom.emailMarketing.secret, {
        contactId: 999999,
        kind: 'unsubscribe',
        messageId: 1,
      }),
      'x'.repeat(5000),
    ]
    const before = await stateOf(app.payload)
    for (const badToken of bad) {
      const query = `token=${encodeURIComponent(badToken)}`
      expect(
        (
          await post(
            `http://localhost:3000/api/email-marketing/unsubscribe?${query}`,
            'List-Unsubscribe=One-Click',
          )
        ).status,
      ).toBe(400)
      expect(
        (
          await api.raw(
            new Request(`http://localhost:3000/api/email-marketing/unsubscribe?${query}`),
          )
        ).status,
      ).toBe(400)
      expect(
        (
          await post(
            'http://localhost:3000/api/email-marketing/preferences',
            formBody({ action: 'all', token: badToken }),
          )
        ).status,
      ).toBe(400)
    }
    expect(
      (
        await post(
          'http://localhost:3000/api/email-marketing/unsubscribe',
          'List-Unsubscribe=One-Click',
        )
      ).status,
    ).toBe(400)
    expect(await stateOf(app.payload)).toEqual(before)
    expect(await contactStatus(ref.contactId)).toBe('active')
  })
})

describe('preference page', () => {
  it('renders labelled checkboxes and leaves single lists, then everything', async () => {
    const ref = await subscribedContactWithMessage('prefs@example.com')
    const url = unsubscribeUrlFor(app.payload, ref).replace('/unsubscribe?', '/preferences?')
    const page = await (await api.raw(new Request(url))).text()
    expect(page).toContain(
      `<label class="check" for="list-${listIds[0]}"><input id="list-${listIds[0]}" type="checkbox" name="keep" value="${listIds[0]}" checked> Newsletter</label>`,
    )
    expect(page).toContain('<legend>Keep me subscribed to</legend>')

    const saved = await post(url, formBody({ action: 'save', keep: String(listIds[0]) }))
    expect(saved.status).toBe(200)
    expect(await saved.text()).toContain('Your preferences are saved.')
    expect(await subscriptionStatus(app.payload, ref.contactId, listIds[0]!)).toBe('subscribed')
    expect(await subscriptionStatus(app.payload, ref.contactId, listIds[1]!)).toBe('unsubscribed')
    expect(await contactStatus(ref.contactId)).toBe('active')

    const all = await post(url, formBody({ action: 'all' }))
    expect(await all.text()).toContain('You are unsubscribed from everything.')
    expect(await subscriptionStatus(app.payload, ref.contactId, listIds[0]!)).toBe('unsubscribed')
    expect(await contactStatus(ref.contactId)).toBe('unsubscribed')
  })
})
