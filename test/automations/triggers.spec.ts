import type { CollectionSlug, Payload } from 'payload'

import { subscriptionFact } from '../../src/automations/hooks/publishSubscriptionChanges'
import { recordContactEvents } from '../../src/events/recordContactEvents'
import {
  recordPostmarkWebhook,
  trackEvent,
  TrackEventError,
  triggerOnChange,
} from '../../src/index'
import { createApiClient } from '../helpers/apiClient'
import { bounceBody } from '../public/webhookPayloads'
import { bootTestPayload, type TestPayload } from '../helpers/bootTestPayload'
import {
  createAutomation,
  createContact,
  createList,
  createTag,
  day,
  email,
  enrollmentsOf,
  subscribe,
} from './automationFixtures'
import { slugs } from '../helpers/slugs'

let app: TestPayload
let token: string

beforeAll(async () => {
  app = await bootTestPayload({ cacheKey: 'default', name: 'automation-triggers' })
  await app.payload.create({
    collection: 'users',
    data: { email: 'admin@example.com', password: 'admin-password' } as never,
  })
  const login = await createApiClient(app.config).rest('POST', '/users/login', {
    body: { email: 'admin@example.com', password: 'admin-password' },
  })
  token = login.body.token
})

afterAll(async () => {
  await app?.shutdown()
})

const enrolledContacts = async (automationId: number) =>
  (await enrollmentsOf(app.payload, automationId)).map((row) => row.contact_id)
const steps = [email('Hello')]
const update = (payload: Payload, collection: string, id: number, data: Record<string, unknown>) =>
  payload.update({ collection: collection as CollectionSlug, data: data as never, id })

describe('triggers', () => {
  it('list subscribed: enrolls on a subscription to that list only, once even when the same subscription is recorded again', async () => {
    const { payload } = app
    const [news, other] = [await createList(payload, 'News'), await createList(payload, 'Other')]
    const automation = await createAutomation(payload, {
      reentry: { rule: 'everyTime' },
      steps,
      triggers: [{ blockType: 'listSubscribed', list: news.id }],
    })
    const [a, b] = [
      await createContact(payload, 'sub-a@example.com'),
      await createContact(payload, 'sub-b@example.com'),
    ]
    const subscription = await subscribe(payload, a.id, news.id)
    await subscribe(payload, b.id, other.id)
    // The same fact again (its key is the subscription's subscribedAt): it is recorded once.
    await recordContactEvents(payload, payload.db.drizzle, [
      subscriptionFact(subscription as unknown as Record<string, unknown>),
    ])
    expect(await enrolledContacts(automation.id)).toEqual([a.id])
  })

  it('tag added and tag removed', async () => {
    const { payload } = app
    const vip = await createTag(payload, 'vip')
    const added = await createAutomation(payload, {
      steps,
      triggers: [{ blockType: 'tagAdded', tag: vip.id }],
    })
    const removed = await createAutomation(payload, {
      steps,
      triggers: [{ blockType: 'tagRemoved', tag: vip.id }],
    })
    const contact = await createContact(payload, 'tags@example.com')
    await update(payload, slugs.contacts, contact.id, { tags: [vip.id] })
    expect(await enrolledContacts(added.id)).toEqual([contact.id])
    expect(await enrolledContacts(removed.id)).toEqual([])
    await update(payload, slugs.contacts, contact.id, { tags: [] })
    expect(await enrolledContacts(removed.id)).toEqual([contact.id])
  })

  it('field changed to a value (a contact field and an attribute)', async () => {
    const { payload } = app
    const toAcme = await createAutomation(payload, {
      steps,
      triggers: [{ blockType: 'fieldChanged', field: 'company', value: 'Acme' }],
    })
    const plan = await createAutomation(payload, {
      steps,
      triggers: [{ blockType: 'fieldChanged', field: 'attributes.plan' }],
    })
    const contact = await createContact(payload, 'field@example.com', { company: 'Initech' })
    await update(payload, slugs.contacts, contact.id, { company: 'Globex' })
    expect(await enrolledContacts(toAcme.id)).toEqual([])
    await update(payload, slugs.contacts, contact.id, { company: 'Acme' })
    expect(await enrolledContacts(toAcme.id)).toEqual([contact.id])
    await update(payload, slugs.contacts, contact.id, { attributes: { plan: 'pro' } })
    expect(await enrolledContacts(plan.id)).toEqual([contact.id])
  })

  it('field changed: a status change from a Postmark webhook fires it once, a redelivery does not', async () => {
    const { payload } = app
    const onBounce = await createAutomation(payload, {
      reentry: { rule: 'everyTime' },
      steps,
      triggers: [{ blockType: 'fieldChanged', field: 'status', value: 'bounced' }],
    })
    const contact = await createContact(payload, 'bounces@example.com')
    const bounce = bounceBody(987_001, 'pm-bounce-trigger', 'bounces@example.com')
    expect(await recordPostmarkWebhook(payload, bounce)).toMatchObject({ outcome: 'recorded' })
    expect(await enrolledContacts(onBounce.id)).toEqual([contact.id])
    expect(await recordPostmarkWebhook(payload, bounce)).toMatchObject({ outcome: 'duplicate' })
    expect(
      await recordPostmarkWebhook(
        payload,
        bounceBody(987_002, 'pm-bounce-trigger-2', 'bounces@example.com'),
      ),
    ).toMatchObject({ outcome: 'recorded' })
    expect(await enrolledContacts(onBounce.id)).toEqual([contact.id])
  })

  it('date based: an anniversary at a time of day in a time zone, and N days before a date', async () => {
    const { payload } = app
    const birthday = await createAutomation(payload, {
      steps,
      triggers: [
        {
          blockType: 'dateBased',
          field: 'attributes.birthday',
          mode: 'anniversary',
          timeOfDay: '09:00',
          timeZone: 'Europe/Paris',
        },
      ],
    })
    const renewal = await createAutomation(payload, {
      steps,
      triggers: [
        {
          blockType: 'dateBased',
          days: 3,
          field: 'attributes.renewsOn',
          mode: 'before',
          timeOfDay: '00:00',
          timeZone: 'UTC',
        },
      ],
    })
    const celebrant = await createContact(payload, 'birthday@example.com', {
      attributes: { birthday: '1990-03-15' },
    })
    await createContact(payload, 'not-today@example.com', {
      attributes: { birthday: '1990-03-16' },
    })
    const renewer = await createContact(payload, 'renewer@example.com', {
      attributes: { renewsOn: '2031-03-18' },
    })
    const { automationTick } = await import('../../src/index')
    // 07:30 UTC on 15 March is 08:30 in Paris: before the time of day.
    await automationTick(payload, { now: new Date('2031-03-15T07:30:00Z') })
    expect(await enrolledContacts(birthday.id)).toEqual([])
    expect(await enrolledContacts(renewal.id)).toEqual([renewer.id])
    await automationTick(payload, { now: new Date('2031-03-15T08:05:00Z') })
    await automationTick(payload, { now: new Date('2031-03-15T20:00:00Z') })
    expect(await enrolledContacts(birthday.id)).toEqual([celebrant.id])
    await automationTick(payload, { now: new Date(Date.parse('2032-03-15T09:00:00Z') + day / 24) })
    expect((await enrolledContacts(birthday.id)).length).toBe(1)
  })

  it('deal stage changed: every contact on the deal, for the chosen stage', async () => {
    const { payload } = app
    if (!payload.collections[slugs.deals as CollectionSlug])
      throw new Error('the deals collection is part of the plugin')
    const pipeline = (await payload.create({
      collection: slugs.pipelines as CollectionSlug,
      data: { name: 'Sales', stages: [{ name: 'Lead' }, { name: 'Won' }] } as never,
    })) as unknown as { id: number; stages: { stageId: string }[] }
    const [lead, won] = pipeline.stages.map((stage) => stage.stageId)
    const automation = await createAutomation(payload, {
      steps,
      triggers: [{ blockType: 'dealStageChanged', stageId: won }],
    })
    const contact = await createContact(payload, 'deal@example.com')
    const deal = (await payload.create({
      collection: slugs.deals as CollectionSlug,
      data: {
        contacts: [contact.id],
        pipeline: pipeline.id,
        stage: lead,
        title: 'Big deal',
        value: 1000,
      } as never,
    })) as unknown as { id: number }
    expect(await enrolledContacts(automation.id)).toEqual([])
    await update(payload, slugs.deals, deal.id, { stage: won })
    expect(await enrolledContacts(automation.id)).toEqual([contact.id])
  })

  it('email opened and link clicked', async () => {
    const { payload } = app
    const opened = await createAutomation(payload, {
      steps,
      triggers: [{ blockType: 'emailOpened' }],
    })
    const clicked = await createAutomation(payload, {
      steps,
      triggers: [{ blockType: 'linkClicked', urlContains: '/pricing' }],
    })
    const contact = await createContact(payload, 'engaged@example.com')
    await recordContactEvents(payload, payload.db.drizzle, [
      {
        contactId: contact.id,
        messageId: 1,
        type: 'email.opened',
      },
    ])
    await recordContactEvents(payload, payload.db.drizzle, [
      {
        contactId: contact.id,
        messageId: 1,
        type: 'email.clicked',
        url: 'https://example.com/blog',
      },
    ])
    expect(await enrolledContacts(opened.id)).toEqual([contact.id])
    expect(await enrolledContacts(clicked.id)).toEqual([])
    await recordContactEvents(payload, payload.db.drizzle, [
      {
        contactId: contact.id,
        messageId: 1,
        type: 'email.clicked',
        url: 'https://example.com/pricing?x=1',
      },
    ])
    expect(await enrolledContacts(clicked.id)).toEqual([contact.id])
  })

  it('custom event through trackEvent and the authenticated REST endpoint', async () => {
    const { payload } = app
    const automation = await createAutomation(payload, {
      reentry: { rule: 'everyTime' },
      steps,
      triggers: [{ blockType: 'customEvent', event: 'trial-started' }],
    })
    const contact = await createContact(payload, 'trial@example.com')
    expect(
      await trackEvent(payload, {
        data: { plan: 'pro' },
        email: 'Trial@Example.com',
        event: 'trial-started',
      }),
    ).toEqual({ contactId: contact.id })
    expect(
      await trackEvent(payload, { email: 'nobody@example.com', event: 'trial-started' }),
    ).toEqual({ contactId: null })
    await expect(
      trackEvent(payload, { email: 'not-an-address', event: 'x' }),
    ).rejects.toBeInstanceOf(TrackEventError)
    await trackEvent(payload, { email: 'trial@example.com', event: 'other-event' })
    expect(await enrolledContacts(automation.id)).toEqual([contact.id])

    const api = createApiClient(app.config)
    const anonymous = await api.rest('POST', '/email-marketing/events', {
      body: { email: 'trial@example.com', event: 'trial-started' },
    })
    expect(anonymous.status).toBe(401)
    const bad = await api.rest('POST', '/email-marketing/events', {
      body: { email: 'trial@example.com', event: '' },
      token,
    })
    expect(bad.status).toBe(400)
    expect(JSON.stringify(bad.body)).toContain('event')
    const ok = await api.rest('POST', '/email-marketing/events', {
      body: { email: 'trial@example.com', event: 'trial-started' },
      token,
    })
    expect(ok).toEqual({ body: { contactFound: true }, status: 200 })
    expect(await enrolledContacts(automation.id)).toEqual([contact.id, contact.id])
  })

  it('collection change through the triggerOnChange hook factory', async () => {
    const { payload } = app
    const automation = await createAutomation(payload, {
      key: 'post-purchase',
      steps,
      triggers: [{ blockType: 'collectionChange', collection: 'orders' }],
    })
    const hook = triggerOnChange({
      automation: 'post-purchase',
      email: ({ doc }) => doc.customerEmail,
      when: ({ doc, previousDoc }) => doc.status === 'paid' && previousDoc?.status !== 'paid',
    })
    const req = { payload } as never
    const collection = {} as never
    const data = {}
    await hook({
      collection,
      context: {},
      data,
      doc: { customerEmail: 'buyer@shop.example', status: 'pending' },
      operation: 'create',
      previousDoc: {},
      req,
    })
    expect(await enrolledContacts(automation.id)).toEqual([])
    await hook({
      collection,
      context: {},
      data,
      doc: { customerEmail: 'Buyer@Shop.example', status: 'paid' },
      operation: 'update',
      previousDoc: { status: 'pending' },
      req,
    })
    const [enrollment] = await enrollmentsOf(payload, automation.id)
    const contact = await payload.findByID({
      collection: slugs.contacts as CollectionSlug,
      id: enrollment.contact_id,
    })
    expect((contact as unknown as { email: string }).email).toBe('buyer@shop.example')
  })
})
