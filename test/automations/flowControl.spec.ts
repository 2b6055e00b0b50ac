import type { CollectionSlug } from 'payload'

import { enroll } from '../../src/index'
import { stepCounts } from '../../src/automations/engine/stepCounts'
import { recordPostmarkWebhook } from '../../src/webhooks/recordPostmarkWebhook'
import { bootTestPayload, type TestPayload } from '../helpers/bootTestPayload'
import {
  createAutomation,
  createContact,
  createTag,
  day,
  email,
  enrollmentsOf,
  hasTag,
  historyOf,
  messagesTo,
  tickAt,
  wait,
} from './automationFixtures'
import { slugs } from '../helpers/slugs'

let app: TestPayload

beforeAll(async () => {
  app = await bootTestPayload({ name: 'automation-flow-control' })
})

afterAll(async () => {
  await app?.shutdown()
})

const addTag = (contact: number, tags: number[]) =>
  app.payload.update({
    collection: slugs.contacts as CollectionSlug,
    data: { tags } as never,
    id: contact,
  })

describe('if/else on the previous email', () => {
  const openedBranch = [
    email('Offer'),
    wait(2),
    {
      blockType: 'ifElse',
      no: [email('Did you miss it?')],
      test: 'openedPrevious',
      yes: [email('Thanks for reading')],
    },
  ]

  it('takes the yes branch after a Postmark Open webhook and the no branch without one', async () => {
    const { payload } = app
    const automation = await createAutomation(payload, { steps: openedBranch })
    const opener = await createContact(payload, 'opener@example.com')
    const ignorer = await createContact(payload, 'ignorer@example.com')
    await enroll(payload, { automationId: automation.id, contactId: opener.id })
    await enroll(payload, { automationId: automation.id, contactId: ignorer.id })
    const start = new Date()
    await tickAt(payload, start)
    const [offer] = await messagesTo(payload, 'opener@example.com')
    const outcome = await recordPostmarkWebhook(payload, {
      MessageID: 'pm-open-1',
      Metadata: { messageId: String(offer.id) },
      ReceivedAt: new Date().toISOString(),
      Recipient: 'opener@example.com',
      RecordType: 'Open',
    })
    expect(outcome.outcome).toBe('recorded')
    await tickAt(payload, new Date(start.getTime() + 2 * day + 1000))
    expect((await messagesTo(payload, 'opener@example.com')).map((m) => m.subject)).toEqual([
      'Offer',
      'Thanks for reading',
    ])
    expect((await messagesTo(payload, 'ignorer@example.com')).map((m) => m.subject)).toEqual([
      'Offer',
      'Did you miss it?',
    ])
    const counts = await stepCounts(payload, automation.id)
    expect(counts['2']).toEqual({ passed: 2, waiting: 0 })
    expect(counts['2.yes.0']).toEqual({ passed: 1, waiting: 0 })
    expect(counts['2.no.0']).toEqual({ passed: 1, waiting: 0 })
  })
})

describe('goals and exit conditions', () => {
  it('jumps ahead to a goal when it is met, skipping the steps before it', async () => {
    const { payload } = app
    const customer = await createTag(payload, 'customer')
    const automation = await createAutomation(payload, {
      steps: [
        email('Nurture 1'),
        wait(3),
        email('Nurture 2'),
        { blockType: 'goal', conditions: hasTag(customer.id), name: 'Bought' },
        email('Welcome aboard'),
      ],
    })
    const contact = await createContact(payload, 'buyer@example.com')
    await enroll(payload, { automationId: automation.id, contactId: contact.id })
    const start = new Date()
    await tickAt(payload, start)
    await addTag(contact.id, [customer.id])
    await tickAt(payload, new Date(start.getTime() + 3 * day + 1000))
    expect((await messagesTo(payload, 'buyer@example.com')).map((m) => m.subject)).toEqual([
      'Nurture 1',
      'Welcome aboard',
    ])
    const [enrollment] = await enrollmentsOf(payload, automation.id)
    expect(enrollment.status).toBe('completed')
    expect((await historyOf(payload, enrollment.id)).map((entry) => entry.outcome)).toContain(
      'goal "Bought" reached',
    )
  })

  it('ends the run when an exit condition holds', async () => {
    const { payload } = app
    const optedOut = await createTag(payload, 'stop-nurture')
    const automation = await createAutomation(payload, {
      exitConditions: hasTag(optedOut.id),
      steps: [email('Day 1'), wait(1), email('Day 2'), wait(1), email('Day 3')],
    })
    const contact = await createContact(payload, 'leaver@example.com')
    await enroll(payload, { automationId: automation.id, contactId: contact.id })
    const start = new Date()
    await tickAt(payload, start)
    await tickAt(payload, new Date(start.getTime() + day + 1000))
    await addTag(contact.id, [optedOut.id])
    await tickAt(payload, new Date(start.getTime() + 2 * day + 2000))
    await tickAt(payload, new Date(start.getTime() + 9 * day))
    expect((await messagesTo(payload, 'leaver@example.com')).map((m) => m.subject)).toEqual([
      'Day 1',
      'Day 2',
    ])
    const [enrollment] = await enrollmentsOf(payload, automation.id)
    expect(enrollment.status).toBe('exited')
  })
})

describe('re-entry rules', () => {
  const runs = async (automationId: number) =>
    (await enrollmentsOf(app.payload, automationId)).length

  it('"once" enrolls a contact a single time, ever', async () => {
    const { payload } = app
    const automation = await createAutomation(payload, {
      reentry: { rule: 'once' },
      steps: [email('Once')],
    })
    const contact = await createContact(payload, 'once@example.com')
    expect(
      (await enroll(payload, { automationId: automation.id, contactId: contact.id })).enrolled,
    ).toBe(true)
    await tickAt(payload, new Date())
    expect(
      (await enroll(payload, { automationId: automation.id, contactId: contact.id })).enrolled,
    ).toBe(false)
    expect(await runs(automation.id)).toBe(1)
  })

  it('"every time" enrolls on every trigger', async () => {
    const { payload } = app
    const automation = await createAutomation(payload, {
      reentry: { rule: 'everyTime' },
      steps: [email('Every')],
    })
    const contact = await createContact(payload, 'every@example.com')
    for (let i = 0; i < 3; i += 1)
      expect(
        (await enroll(payload, { automationId: automation.id, contactId: contact.id })).enrolled,
      ).toBe(true)
    await tickAt(payload, new Date())
    expect(await runs(automation.id)).toBe(3)
    expect(await messagesTo(payload, 'every@example.com')).toHaveLength(3)
  })

  it('"again after N days" refuses inside the window and enrolls after it', async () => {
    const { payload } = app
    const automation = await createAutomation(payload, {
      reentry: { days: 7, rule: 'afterDays' },
      steps: [email('Weekly')],
    })
    const contact = await createContact(payload, 'weekly@example.com')
    const start = new Date()
    expect(
      (await enroll(payload, { automationId: automation.id, contactId: contact.id, now: start }))
        .enrolled,
    ).toBe(true)
    expect(
      (
        await enroll(payload, {
          automationId: automation.id,
          contactId: contact.id,
          now: new Date(start.getTime() + 6 * day),
        })
      ).enrolled,
    ).toBe(false)
    expect(
      (
        await enroll(payload, {
          automationId: automation.id,
          contactId: contact.id,
          now: new Date(start.getTime() + 8 * day),
        })
      ).enrolled,
    ).toBe(true)
    expect(await runs(automation.id)).toBe(2)
  })

  it('does not enroll into a paused or draft automation', async () => {
    const { payload } = app
    const automation = await createAutomation(payload, {
      status: 'paused',
      steps: [email('Paused')],
    })
    const contact = await createContact(payload, 'paused@example.com')
    expect(await enroll(payload, { automationId: automation.id, contactId: contact.id })).toEqual({
      enrolled: false,
      reason: 'automation is paused',
    })
  })
})
