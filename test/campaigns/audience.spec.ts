import { sql } from '@payloadcms/db-postgres'

import { sendCampaign } from '../../src/index'
import { drainOutbox } from '../../src/sending/drainOutbox'
import { sendCampaignTest } from '../../src/campaigns/previewAndTest'
import { rowsOf } from '../../src/utilities/db'
import { bootSendingApp, type SendingApp } from '../helpers/bootSendingApp'
import { createCampaign, createList, sendToCompletion } from './campaignFixtures'
import { slugs, tables } from '../helpers/slugs'

let app: SendingApp

beforeAll(async () => {
  app = await bootSendingApp({ name: 'campaign_audience' })
})

afterAll(async () => {
  await app?.shutdown()
})

const contact = async (email: string, data: Record<string, unknown> = {}) =>
  (
    await app.payload.create({
      collection: slugs.contacts,
      data: { email, firstName: email.split('@')[0], ...data } as never,
    })
  ).id as number

const subscribe = async (
  contactId: number,
  listId: number,
  status: 'pending' | 'subscribed' | 'unsubscribed' = 'subscribed',
) =>
  app.payload.create({
    collection: slugs.subscriptions,
    data: { contact: contactId, list: listId, status } as never,
  })

describe('campaign audience', () => {
  it('sends one email per eligible contact and leaves out every excluded one', async () => {
    const news = await createList(app.payload, 'News')
    const offers = await createList(app.payload, 'Offers')
    const customers = await createList(app.payload, 'Customers')
    const eligible = await contact('eligible@example.com')
    await subscribe(eligible, news)
    const onBoth = await contact('both@example.com')
    await subscribe(onBoth, news)
    await subscribe(onBoth, offers)
    const offersOnly = await contact('offers@example.com')
    await subscribe(offersOnly, offers)
    const unsubscribedFromOne = await contact('mixed@example.com')
    await subscribe(unsubscribedFromOne, news, 'unsubscribed')
    await subscribe(unsubscribedFromOne, offers)

    for (const status of ['unsubscribed', 'bounced', 'complained'] as const)
      await subscribe(await contact(`${status}@example.com`, { status }), news)
    await subscribe(await contact('left@example.com'), news, 'unsubscribed')
    await subscribe(await contact('pending@example.com'), news, 'pending')
    const customer = await contact('customer@example.com')
    await subscribe(customer, news)
    await subscribe(customer, customers)
    const vip = await contact('vip@example.com', { company: 'Excluded Inc' })
    await subscribe(vip, news)
    await contact('nolist@example.com')
    const segment = await app.payload.create({
      collection: slugs.segments,
      data: {
        groups: [
          {
            conditions: [
              { field: 'company', operator: 'equals', type: 'contactField', value: 'Excluded Inc' },
            ],
            match: 'all',
          },
        ],
        match: 'all',
        name: 'VIPs',
      } as never,
    })

    const id = await createCampaign(app.payload, {
      audience: {
        excludedLists: [customers],
        excludedSegments: [segment.id],
        lists: [news, offers],
      },
    })
    await sendCampaign(app.payload, id)
    await sendToCompletion(app.payload, id)

    const received = app.postmark.accepted.map((message) => message.To).sort()
    expect(received).toEqual([
      'both@example.com',
      'eligible@example.com',
      'mixed@example.com',
      'offers@example.com',
    ])
    expect(app.postmark.duplicates()).toEqual([])
    const first = app.postmark.accepted.find((message) => message.To === 'eligible@example.com')
    expect(first?.Subject).toBe('News for eligible')
    expect(first?.HtmlBody).toContain('Hello eligible')
    expect(first?.MessageStream).toBe('broadcast')
    expect(first?.Headers?.map((header: { Name: string }) => header.Name)).toContain(
      'List-Unsubscribe',
    )
    expect(first?.HtmlBody).toContain('/email-marketing/unsubscribe?token=')
    // Rendered in the campaign's layout, which carries the postal address.
    expect(first?.HtmlBody).toContain('1 Main Street')
    // Campaign rows keep no rendered HTML: they are rendered when claimed.
    const stored = rowsOf<{ html: null | string; dedupe: string }>(
      await app.payload.db.drizzle.execute(
        sql`SELECT html, dedupe_key AS dedupe FROM ${tables.messages} WHERE campaign_id = ${id} ORDER BY contact_id`,
      ),
    )
    expect(stored.every((row) => row.html === null)).toBe(true)
    expect(stored.map((row) => row.dedupe)).toContain(`campaign:${id}:${onBoth}`)
    const campaign = await app.payload.findByID({ collection: slugs.campaigns, id })
    expect(campaign).toMatchObject({ fanOut: { phase: 'done', recipients: 4 }, status: 'sent' })
  })

  it('sends a test to given addresses ahead of broadcast mail, with its own dedupe keys', async () => {
    const list = await createList(app.payload, 'Test list')
    const id = await createCampaign(app.payload, { audience: { lists: [list] } })
    await expect(sendCampaignTest(app.payload, id, ['not an address'])).rejects.toThrow(
      'Not an email address',
    )
    app.postmark.reset()
    expect(
      await sendCampaignTest(app.payload, id, ['QA@example.com', 'eligible@example.com']),
    ).toEqual({ addresses: ['qa@example.com', 'eligible@example.com'], contact: null, queued: 2 })
    await drainOutbox(app.payload)
    const bySubject = app.postmark.accepted
      .map((message) => [message.To, message.Subject, message.MessageStream])
      .sort()
    expect(bySubject).toEqual([
      ['eligible@example.com', '[Test] News for eligible', 'outbound'],
      ['qa@example.com', '[Test] News for', 'outbound'],
    ])
  })
})
