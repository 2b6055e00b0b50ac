import { sql } from '@payloadcms/db-postgres'

import { sendCampaign } from '../../src/index'
import { drainOutbox } from '../../src/sending/drainOutbox'
import { enqueueMessage } from '../../src/sending/enqueueMessages'
import { unsubscribeUrlPlaceholder } from '../../src/subscriptions/unsubscribeLinks'
import { rowsOf } from '../../src/utilities/db'
import {
  createAutomation,
  createContact,
  email,
  subscribe,
  tickAt,
} from '../automations/automationFixtures'
import { createCampaign, createList } from '../campaigns/campaignFixtures'
import { createApiClient } from '../helpers/apiClient'
import { bootSendingApp, type SendingApp } from '../helpers/bootSendingApp'
import { slugs, tables } from '../helpers/slugs'

let app: SendingApp
let api: ReturnType<typeof createApiClient>

beforeAll(async () => {
  app = await bootSendingApp({ cacheKey: 'default', name: 'unsubscribe_headers' })
  api = createApiClient(app.config)
})

afterAll(async () => {
  await app?.shutdown()
})

const claimsOf = (url: string) => {
  const token = new URL(url).searchParams.get('token')!
  return JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString()) as {
    contactId: number
    kind: string
    messageId: number
  }
}

const contactStatus = async (id: number) =>
  (
    (await app.payload.findByID({ collection: slugs.contacts, id })) as unknown as {
      status: string
    }
  ).status

describe('one-click unsubscribe on every marketing email', () => {
  it('an automation email and a campaign email carry List-Unsubscribe for their own message, and the one-click POST unsubscribes both', async () => {
    const { payload } = app
    const welcomeList = await createList(payload, 'Welcome series')
    await createAutomation(payload, {
      steps: [email('Welcome')],
      triggers: [{ blockType: 'listSubscribed', list: welcomeList }],
    })
    const reader = await createContact(payload, 'automation-reader@example.com', {
      firstName: 'Ada',
    })
    await subscribe(payload, reader.id, welcomeList)
    await tickAt(payload, new Date())

    const newsList = await createList(payload, 'News')
    const subscriber = await createContact(payload, 'campaign-reader@example.com', {
      firstName: 'Grace',
    })
    await subscribe(payload, subscriber.id, newsList)
    const campaignId = await createCampaign(payload, {
      audience: { lists: [newsList] },
      name: 'Headers',
    })
    await sendCampaign(payload, campaignId)
    await drainOutbox(payload)

    const received = [
      {
        contactId: reader.id,
        kind: 'automation',
        message: app.postmark.acceptedFor('automation-reader@example.com'),
      },
      {
        contactId: subscriber.id,
        kind: 'campaign',
        message: app.postmark.acceptedFor('campaign-reader@example.com'),
      },
    ]
    for (const { contactId, kind, message } of received) {
      expect(message).toHaveLength(1)
      const [sent] = message
      const [{ kind: rowKind }] = rowsOf<{ kind: string }>(
        await payload.db.drizzle.execute(
          sql`SELECT kind::text FROM ${tables.messages} WHERE id = ${Number(sent.Metadata?.messageId)}`,
        ),
      )
      expect(rowKind).toBe(kind)
      const header = (name: string) => sent.Headers?.find((entry) => entry.Name === name)?.Value
      const link = /^<([^>]+)>$/.exec(header('List-Unsubscribe') ?? '')?.[1]
      expect(link).toMatch(/^http:\/\/localhost:3000\/api\/email-marketing\/unsubscribe\?token=/)
      expect(header('List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click')
      expect(claimsOf(link!)).toEqual({
        contactId,
        kind: 'unsubscribe',
        messageId: Number(sent.Metadata?.messageId),
      })
      // The visible link in the body is the same signed link; no placeholder is left.
      expect(sent.HtmlBody).toContain(`href="${link}"`)
      expect(sent.TextBody).toContain(link)
      expect(`${sent.HtmlBody}${sent.TextBody}`).not.toContain(unsubscribeUrlPlaceholder)

      const response = await api.raw(
        new Request(link!, {
          body: 'List-Unsubscribe=One-Click',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          method: 'POST',
        }),
      )
      expect(response.status).toBe(200)
      expect(await contactStatus(contactId)).toBe('unsubscribed')
    }
  })

  it('refuses to send a marketing email that cannot carry an unsubscribe link (no contact), on any kind', async () => {
    const rows = [
      await enqueueMessage(app.payload, {
        html: '<p>x</p>',
        kind: 'automation',
        subject: 'x',
        to: 'nobody@example.com',
      }),
      await enqueueMessage(app.payload, {
        html: '<p>x</p>',
        kind: 'transactional',
        stream: 'broadcast',
        subject: 'x',
        to: 'nobody@example.com',
      }),
    ]
    await drainOutbox(app.payload)
    expect(app.postmark.acceptedFor('nobody@example.com')).toEqual([])
    for (const { id } of rows) {
      expect(await app.payload.findByID({ collection: slugs.messages, id })).toMatchObject({
        lastError: expect.stringContaining('unsubscribe link'),
        status: 'failed',
      })
    }
  })
})
