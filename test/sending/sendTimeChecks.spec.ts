import { sql } from '@payloadcms/db-postgres'

import { sendCampaign } from '../../src/index'
import { drainOutbox } from '../../src/sending/drainOutbox'
import { enqueueMessage, enqueueMessages } from '../../src/sending/enqueueMessages'
import { eraseContact } from '../../src/privacy/eraseContact'
import { claimMessages } from '../../src/sending/claimMessages'
import { deliverBatch } from '../../src/sending/deliverBatch'
import { mailerFor } from '../../src/sending/mailerFor'
import { suppressionReasons } from '../../src/sending/suppressAtSendTime'
import { unsubscribeContact } from '../../src/subscriptions/unsubscribeContact'
import { rowsOf } from '../../src/utilities/db'
import { createAutomation, email, tickAt } from '../automations/automationFixtures'
import {
  createCampaign,
  createList,
  messageCounts,
  seedSubscribers,
  sendToCompletion,
} from '../campaigns/campaignFixtures'
import { bootSendingApp, type SendingApp } from '../helpers/bootSendingApp'
import { slugs, tables } from '../helpers/slugs'

let app: SendingApp

beforeAll(async () => {
  app = await bootSendingApp({ name: 'send_time_checks' })
})

afterAll(async () => {
  await app?.shutdown()
})

const reasonsOf = async (where: ReturnType<typeof sql>) =>
  Object.fromEntries(
    rowsOf<{ count: number; reason: string }>(
      await app.payload.db.drizzle.execute(
        sql`SELECT last_error AS reason, count(*)::int AS count FROM ${tables.messages} WHERE status = 'suppressed' AND ${where} GROUP BY 1`,
      ),
    ).map((row) => [row.reason, row.count]),
  )

const statusOf = async (id: number) =>
  (await app.payload.findByID({ collection: slugs.messages, id })) as unknown as {
    lastError: null | string
    status: string
  }

describe('suppression at send time', () => {
  it('a 2,000-contact campaign fanned out before 100 unsubscribe from its list, 50 bounce and 10 are erased: 1,840 go out, 160 are suppressed with their reasons', async () => {
    const { payload } = app
    const listId = await createList(payload, 'Readers')
    const ids = await seedSubscribers(payload, { count: 2000, listId, prefix: 'late' })
    const campaignId = await createCampaign(payload, {
      audience: { lists: [listId] },
      name: 'Late changes',
    })
    await sendCampaign(payload, campaignId, { budgetMs: 60_000 })
    expect(await messageCounts(payload, campaignId)).toEqual({ queued: 2000 })

    const [unsubscribed, bounced, erased] = [
      ids.slice(0, 100),
      ids.slice(100, 150),
      ids.slice(150, 160),
    ]
    for (const contactId of unsubscribed)
      await unsubscribeContact(payload, { contactId, listIds: [listId], reason: 'test' })
    await payload.update({
      collection: slugs.contacts,
      data: { status: 'bounced', statusReason: 'Hard bounce' } as never,
      where: { id: { in: bounced } },
    })
    for (const contactId of erased) await eraseContact(payload, contactId)

    await sendToCompletion(payload, campaignId)
    const accepted = app.postmark.accepted.filter(
      (message) => message.Metadata?.campaignId === String(campaignId),
    )
    expect(accepted).toHaveLength(1840)
    expect(new Set(accepted.map((message) => message.To)).size).toBe(1840)
    const skipped = new Set(
      [...unsubscribed, ...bounced, ...erased].map(
        (id) => `late${ids.indexOf(id) + 1}@example.com`,
      ),
    )
    expect(accepted.filter((message) => skipped.has(message.To))).toEqual([])
    expect(await messageCounts(payload, campaignId)).toEqual({ sent: 1840, suppressed: 160 })
    expect(await reasonsOf(sql`campaign_id = ${campaignId}`)).toEqual({
      [suppressionReasons.bounced]: 50,
      [suppressionReasons.erased]: 10,
      [suppressionReasons.leftLists]: 100,
    })
  })

  it('a campaign on two lists still mails a contact who left one of them, and suppresses one who left every list it was on', async () => {
    const { payload } = app
    const news = await createList(payload, 'Two lists: news')
    const offers = await createList(payload, 'Two lists: offers')
    const [leftOne, leftBoth, leftOnly] = await seedSubscribers(payload, {
      count: 4,
      listId: news,
      prefix: 'twolists',
    })
    for (const contactId of [leftOne, leftBoth])
      await payload.create({
        collection: slugs.subscriptions,
        data: { contact: contactId, list: offers, status: 'subscribed' } as never,
      })
    const campaignId = await createCampaign(payload, {
      audience: { lists: [news, offers] },
      name: 'Two lists',
    })
    await sendCampaign(payload, campaignId, { budgetMs: 60_000 })
    expect(await messageCounts(payload, campaignId)).toEqual({ queued: 4 })

    await unsubscribeContact(payload, { contactId: leftOne, listIds: [news], reason: 'test' })
    await unsubscribeContact(payload, {
      contactId: leftBoth,
      listIds: [news, offers],
      reason: 'test',
    })
    await unsubscribeContact(payload, { contactId: leftOnly, listIds: [news], reason: 'test' })

    await sendToCompletion(payload, campaignId)
    const mailed = app.postmark.accepted
      .filter((message) => message.Metadata?.campaignId === String(campaignId))
      .map((message) => message.To)
      .sort()
    // The fourth contact changed nothing.
    expect(mailed).toEqual(['twolists1@example.com', 'twolists4@example.com'])
    expect(await reasonsOf(sql`campaign_id = ${campaignId}`)).toEqual({
      [suppressionReasons.leftLists]: 2,
    })
  })

  it('stops a row claimed before its contact was erased, and any later mail to an erased address', async () => {
    const { payload } = app
    const contact = await payload.create({
      collection: slugs.contacts,
      data: { email: 'forget-me@example.com' } as never,
    })
    const { id: claimedId } = await enqueueMessage(payload, {
      contact: contact.id as number,
      html: '<p>Hi</p>',
      kind: 'automation',
      subject: 'Hi',
      to: 'forget-me@example.com',
    })
    const claimed = await claimMessages(payload, { limit: 500, now: new Date() })
    expect(claimed.map((message) => message.id)).toContain(claimedId)
    await eraseContact(payload, contact.id as number)
    await deliverBatch(payload, mailerFor(payload), claimed, { now: () => new Date() })

    const { id: laterId } = await enqueueMessage(payload, {
      html: '<p>Receipt</p>',
      kind: 'transactional',
      subject: 'Receipt',
      to: ' Forget-Me@Example.com ',
    })
    await drainOutbox(payload)
    expect(app.postmark.acceptedFor('forget-me@example.com')).toEqual([])
    for (const id of [claimedId, laterId])
      expect(await statusOf(id)).toEqual(
        expect.objectContaining({ lastError: suppressionReasons.erased, status: 'suppressed' }),
      )
  })

  it('suppresses automation and broadcast mail of unsubscribed contacts; transactional and 1:1 mail only for bounces and complaints', async () => {
    const { payload } = app
    const listId = await createList(payload, 'Welcome')
    await createAutomation(payload, {
      steps: [email('Welcome')],
      triggers: [{ blockType: 'listSubscribed', list: listId }],
    })
    const contacts: Record<string, number> = {}
    for (const name of ['left', 'bounced', 'complained']) {
      contacts[name] = (
        await payload.create({
          collection: slugs.contacts,
          data: { email: `${name}@example.com` } as never,
        })
      ).id as number
      await payload.create({
        collection: slugs.subscriptions,
        data: { contact: contacts[name], list: listId, status: 'subscribed' } as never,
      })
    }
    await tickAt(payload, new Date())
    const rows = await enqueueMessages(
      payload,
      Object.entries(contacts).flatMap(([name, contact]) =>
        (['transactional', 'oneToOne'] as const).map((kind) => ({
          contact,
          html: '<p>x</p>',
          kind,
          subject: kind,
          to: `${name}@example.com`,
        })),
      ),
    )
    await unsubscribeContact(payload, { contactId: contacts.left, reason: 'test' })
    await payload.update({
      collection: slugs.contacts,
      data: { status: 'bounced' } as never,
      id: contacts.bounced,
    })
    await payload.update({
      collection: slugs.contacts,
      data: { status: 'complained' } as never,
      id: contacts.complained,
    })
    await drainOutbox(payload)

    const received = (name: string) =>
      app.postmark
        .acceptedFor(`${name}@example.com`)
        .map((message) => message.Subject)
        .sort()
    expect(received('left')).toEqual(['oneToOne', 'transactional'])
    expect(received('bounced')).toEqual([])
    expect(received('complained')).toEqual([])
    const theirs = sql`to_address IN ('left@example.com', 'bounced@example.com', 'complained@example.com')`
    expect(await reasonsOf(sql`kind = 'automation' AND ${theirs}`)).toEqual({
      [suppressionReasons.bounced]: 1,
      [suppressionReasons.complained]: 1,
      [suppressionReasons.unsubscribed]: 1,
    })
    expect(rows).toHaveLength(6)
    expect(await reasonsOf(sql`kind IN ('transactional', 'oneToOne') AND ${theirs}`)).toEqual({
      [suppressionReasons.bounced]: 2,
      [suppressionReasons.complained]: 2,
    })
  })
})
