import type { CollectionSlug } from 'payload'

import { drainOutbox } from '../../src/sending/drainOutbox'
import { trackEvent } from '../../src/index'
import { bootSendingApp, type SendingApp } from '../helpers/bootSendingApp'
import {
  createAutomation,
  createContact,
  enrollmentsOf,
  historyOf,
  tickAt,
} from './automationFixtures'
import { slugs } from '../helpers/slugs'

let app: SendingApp
let templateId: number

beforeAll(async () => {
  app = await bootSendingApp({ name: 'automation-transactional-step' })
  templateId = (
    (await app.payload.create({
      collection: slugs.transactionalTemplates as CollectionSlug,
      data: {
        html: '<p>Hi {{ contact.firstName }}, order #{{ orderNumber }} of {{ total }} ({{ event.event }}) is paid.</p>',
        mode: 'html',
        name: 'Order paid',
        slug: 'order-paid',
        subject: 'Order #{{ orderNumber }} is paid, {{ contact.firstName }}',
        variables: [{ name: 'orderNumber', required: true }],
      } as never,
    })) as unknown as { id: number }
  ).id
})

afterAll(async () => {
  await app?.shutdown()
})

const orderPaidAutomation = (name: string) =>
  createAutomation(app.payload, {
    name,
    reentry: { rule: 'everyTime' },
    steps: [
      { blockType: 'sendEmail', mode: 'transactionalTemplate', transactionalTemplate: templateId },
    ],
    triggers: [{ blockType: 'customEvent', event: name }],
  })

describe('send email step with a transactional template', () => {
  it('sends on the transactional stream with the contact and the event data, even to a marketing-unsubscribed contact', async () => {
    const automation = await orderPaidAutomation('order.paid')
    await createContact(app.payload, 'ada@example.com', { firstName: 'Ada' })
    await createContact(app.payload, 'grace@example.com', {
      firstName: 'Grace',
      status: 'unsubscribed',
    })
    for (const [email, orderNumber] of [
      ['ada@example.com', 'A-42'],
      ['grace@example.com', 'G-7'],
    ])
      await trackEvent(app.payload, {
        data: { orderNumber, total: '19.90 EUR' },
        email,
        event: 'order.paid',
      })
    await tickAt(app.payload, new Date())
    await drainOutbox(app.payload)

    const [toAda] = app.postmark.acceptedFor('ada@example.com')
    expect(toAda).toMatchObject({
      MessageStream: 'outbound',
      Subject: 'Order #A-42 is paid, Ada',
      Tag: 'order-paid',
    })
    expect(toAda.HtmlBody).toContain('Hi Ada, order #A-42 of 19.90 EUR (order.paid) is paid.')
    expect(toAda.HtmlBody).not.toContain('unsubscribe')
    const [toGrace] = app.postmark.acceptedFor('grace@example.com')
    expect(toGrace).toMatchObject({
      MessageStream: 'outbound',
      Subject: 'Order #G-7 is paid, Grace',
    })
    const enrollments = await enrollmentsOf(app.payload, automation.id)
    expect(enrollments.map((row) => row.status)).toEqual(['completed', 'completed'])
    expect(enrollments[0].state.event).toEqual({
      data: { orderNumber: 'A-42', total: '19.90 EUR' },
      event: 'order.paid',
      type: 'custom',
    })
  })

  it('fails the step, naming the variable, when the event lacks a required one; nothing is queued', async () => {
    const automation = await orderPaidAutomation('order.incomplete')
    await createContact(app.payload, 'lin@example.com', { firstName: 'Lin' })
    await trackEvent(app.payload, {
      data: { total: '1' },
      email: 'lin@example.com',
      event: 'order.incomplete',
    })
    await tickAt(app.payload, new Date())
    await drainOutbox(app.payload)
    expect(app.postmark.acceptedFor('lin@example.com')).toEqual([])
    const [enrollment] = await enrollmentsOf(app.payload, automation.id)
    expect(enrollment.status).toBe('failed')
    const [entry] = await historyOf(app.payload, enrollment.id)
    expect(entry.outcome).toMatch(/^failed: .*"orderNumber"/)
  })

  it('refuses to save the step without a template', async () => {
    await expect(
      createAutomation(app.payload, {
        steps: [{ blockType: 'sendEmail', mode: 'transactionalTemplate' }],
      }),
    ).rejects.toThrow(/Transactional Template|transactionalTemplate/i)
  })
})
