import type { CollectionSlug } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import { enroll } from '../../src/index'
import { contactTimeline } from '../../src/timeline/contactTimeline'
import { rowsOf } from '../../src/utilities/db'
import { bootTestPayload, type TestPayload } from '../helpers/bootTestPayload'
import { createPipeline } from '../deals/dealFixtures'
import {
  createAutomation,
  createContact,
  createTag,
  enrollmentsOf,
  historyOf,
  lexical,
  tickAt,
} from './automationFixtures'
import { slugs, tables } from '../helpers/slugs'

let app: TestPayload
let owner: number
let other: number

beforeAll(async () => {
  app = await bootTestPayload({ name: 'automation-deal-owner-email' })
  owner = (
    await app.payload.create({
      collection: 'users',
      data: { email: 'owner@example.com', name: 'Olivia Owner', password: 'secret-password' },
    })
  ).id as number
  other = (
    await app.payload.create({
      collection: 'users',
      data: { email: 'other@example.com', name: 'Oscar Other', password: 'secret-password' },
    })
  ).id as number
})

afterAll(async () => {
  await app?.shutdown()
})

const ownerEmail = {
  blockType: 'sendAsDealOwner',
  body: lexical(
    'Hi {{ contact.firstName }}, congratulations on {{ deal.title }}.',
    '{{ sender.name }}',
  ),
  subject: 'About {{ deal.title }}',
}

type MessageRow = {
  contactId: number
  fromAddress: string
  html: string
  id: number
  kind: string
  metadata: Record<string, string>
  replyTo: string
  stream: string
  subject: string
}

const messagesTo = async (address: string) =>
  rowsOf<MessageRow>(
    await app.payload.db.drizzle.execute(sql`
      SELECT id, kind::text AS kind, contact_id AS "contactId", from_address AS "fromAddress", reply_to AS "replyTo", stream, subject, html, metadata
      FROM ${tables.messages} WHERE to_address = ${address} ORDER BY id`),
  )

const createDeal = async (data: Record<string, unknown>) =>
  (await app.payload.create({
    collection: slugs.deals as CollectionSlug,
    data: { title: 'Big deal', value: 1000, ...data } as never,
  })) as unknown as { id: number }

/** A pipeline and an automation that runs `steps` when one of the pipeline's deals reaches Won. */
const wonAutomation = async (name: string, steps: Record<string, unknown>[]) => {
  const pipeline = await createPipeline(app.payload, name, [
    ['Lead', 10],
    ['Won', 100],
  ])
  const [lead, won] = pipeline.stages.map((stage) => stage.stageId)
  const automation = await createAutomation(app.payload, {
    name,
    steps,
    triggers: [{ blockType: 'dealStageChanged', stageId: won }],
  })
  return { automation, lead, pipeline, won }
}

const winDeal = (id: number, stage: string) =>
  app.payload.update({ collection: slugs.deals as CollectionSlug, data: { stage } as never, id })

const soon = () => new Date(Date.now() + 1000)

describe('1:1 email as the deal owner', () => {
  it('a deal stage trigger sends the 1:1 email with Reply-To the owner, logged on the contact and the deal, once', async () => {
    const { payload } = app
    const { automation, lead, pipeline, won } = await wonAutomation('Won deals', [ownerEmail])
    const contact = await createContact(payload, 'ada@example.com', { firstName: 'Ada' })
    const deal = await createDeal({
      contacts: [contact.id],
      owner,
      pipeline: pipeline.id,
      stage: lead,
    })
    await winDeal(deal.id, won)
    await tickAt(payload, soon())

    const [message, ...more] = await messagesTo('ada@example.com')
    expect(more).toEqual([])
    expect(message).toMatchObject({
      contactId: contact.id,
      fromAddress: 'hello@example.com',
      kind: 'oneToOne',
      metadata: { dealId: String(deal.id), userId: String(owner) },
      replyTo: '"Olivia Owner" <owner@example.com>',
      stream: 'outbound',
      subject: 'About Big deal',
    })
    expect(message.html).toContain('Hi Ada, congratulations on Big deal.')
    expect(message.html).toContain('Olivia Owner')
    expect(message.html).not.toMatch(/unsubscribe/i)

    const [enrollment] = await enrollmentsOf(payload, automation.id)
    expect(enrollment).toMatchObject({
      status: 'completed',
      state: { dealId: deal.id, previousMessageId: message.id },
    })
    const outcome = `queued 1:1 email as user ${owner} about deal ${deal.id} (message ${message.id})`
    expect(await historyOf(payload, enrollment.id)).toEqual([
      { outcome, step: '0', step_type: 'sendAsDealOwner' },
    ])

    const timeline = await contactTimeline(payload, contact.id)
    expect(timeline.items.filter((item) => item.type === 'message')).toEqual([
      expect.objectContaining({
        kind: 'oneToOne',
        messageId: message.id,
        subject: 'About Big deal',
        to: 'ada@example.com',
      }),
    ])
    const onDeal = rowsOf<{ id: number }>(
      await payload.db.drizzle.execute(
        sql`SELECT id FROM ${tables.messages} WHERE kind = 'oneToOne' AND metadata->>'dealId' = ${String(deal.id)}`,
      ),
    )
    expect(onDeal).toEqual([{ id: message.id }])

    // A process killed after the send but before the write-back runs the step again: the dedupe key queues nothing new.
    await payload.db.drizzle.execute(
      sql`UPDATE ${tables.enrollments} SET status = 'active', step_path = '0', next_run_at = now(), lease_until = NULL WHERE id = ${enrollment.id}`,
    )
    await tickAt(payload, soon())
    expect((await messagesTo('ada@example.com')).map((row) => row.id)).toEqual([message.id])
    expect((await historyOf(payload, enrollment.id)).map((entry) => entry.outcome)).toEqual([
      outcome,
      outcome,
    ])
  })

  it('without a trigger deal, sends as the owner of the contact’s most recent open deal', async () => {
    const { payload } = app
    const pipeline = await createPipeline(payload, 'Renewals', [['Open', 50]])
    const stage = pipeline.stages[0].stageId
    const contact = await createContact(payload, 'grace@example.com', { firstName: 'Grace' })
    await createDeal({
      contacts: [contact.id],
      owner,
      pipeline: pipeline.id,
      stage,
      title: 'Older deal',
    })
    const newest = await createDeal({
      contacts: [contact.id],
      owner: other,
      pipeline: pipeline.id,
      stage,
      title: 'Newer deal',
    })
    await createDeal({
      contacts: [contact.id],
      lostReason: 'price',
      owner,
      pipeline: pipeline.id,
      stage,
      status: 'lost',
      title: 'Lost deal',
    })
    const automation = await createAutomation(payload, { steps: [ownerEmail] })
    await enroll(payload, { automationId: automation.id, contactId: contact.id })
    await tickAt(payload, soon())

    const messages = await messagesTo('grace@example.com')
    expect(messages).toEqual([
      expect.objectContaining({
        kind: 'oneToOne',
        metadata: { dealId: String(newest.id), userId: String(other) },
        replyTo: '"Oscar Other" <other@example.com>',
        subject: 'About Newer deal',
      }),
    ])
  })

  it('a deal without an owner, or no deal at all, skips the step with the reason and the run goes on', async () => {
    const { payload } = app
    const tag = await createTag(payload, 'after-owner-email')
    const steps = [ownerEmail, { blockType: 'addTag', tag: tag.id }]
    const { automation, lead, pipeline, won } = await wonAutomation('Ownerless', steps)
    const contact = await createContact(payload, 'ownerless@example.com')
    const deal = await createDeal({ contacts: [contact.id], pipeline: pipeline.id, stage: lead })
    await winDeal(deal.id, won)
    const lonely = await createContact(payload, 'lonely@example.com')
    const direct = await createAutomation(payload, { steps })
    await enroll(payload, { automationId: direct.id, contactId: lonely.id })
    await tickAt(payload, soon())

    expect(await messagesTo('ownerless@example.com')).toEqual([])
    expect(await messagesTo('lonely@example.com')).toEqual([])
    const [ownerless] = await enrollmentsOf(payload, automation.id)
    const [noDeal] = await enrollmentsOf(payload, direct.id)
    expect(ownerless.status).toBe('completed')
    expect(noDeal.status).toBe('completed')
    expect((await historyOf(payload, ownerless.id))[0]).toEqual({
      outcome: `skipped: deal ${deal.id} has no owner`,
      step: '0',
      step_type: 'sendAsDealOwner',
    })
    expect((await historyOf(payload, noDeal.id))[0]).toEqual({
      outcome: 'skipped: the contact has no open deal',
      step: '0',
      step_type: 'sendAsDealOwner',
    })
    const tagged = await payload.count({
      collection: slugs.contacts as CollectionSlug,
      where: { tags: { in: [tag.id] } },
    })
    expect(tagged.totalDocs).toBe(2)
  })
})
