import { sql } from '@payloadcms/db-postgres'
import { createLocalReq, initTransaction, killTransaction } from 'payload'

import { MissingTemplateVariableError, sendTransactional } from '../../src/index'
import { drainOutbox } from '../../src/sending/drainOutbox'
import { bootSendingApp, type SendingApp } from '../helpers/bootSendingApp'
import { statusCounts } from '../helpers/outboxRows'
import { createOrder, createOrderTemplates, updateOrder } from './templates'
import { slugs, tables } from '../helpers/slugs'

let app: SendingApp

beforeAll(async () => {
  app = await bootSendingApp({ name: 'transactional' })
  await createOrderTemplates(app.payload)
  await app.payload.create({
    collection: slugs.transactionalTemplates,
    data: {
      mode: 'postmark',
      name: 'Welcome (Postmark)',
      postmarkTemplateAlias: 'welcome-v2',
      slug: 'welcome',
      variables: [
        { name: 'name', required: true },
        { name: 'product.name', required: true },
      ],
    } as never,
  })
})

afterAll(async () => {
  await app?.shutdown()
})

beforeEach(async () => {
  await app.payload.db.drizzle.execute(sql`TRUNCATE ${tables.messages} CASCADE`)
  app.postmark.reset()
})

const subjectsFor = (address: string) =>
  app.postmark.acceptedFor(address).map((message) => message.Subject)

describe("sendOnChange on the dev app's orders", () => {
  it('sends the confirmation once on create and the shipped email once on the change to shipped, nothing on other edits', async () => {
    const order = await createOrder(app.payload, 'buyer@example.com')
    await drainOutbox(app.payload)
    expect(subjectsFor('buyer@example.com')).toEqual([`Order #${order.id} is confirmed`])
    const [confirmation] = app.postmark.acceptedFor('buyer@example.com')
    expect(confirmation).toMatchObject({ MessageStream: 'outbound', Tag: 'order-confirmation' })
    expect(confirmation.HtmlBody).toContain(`Hi Grace, order #${order.id} (24) is confirmed.`)
    expect(confirmation.HtmlBody).not.toMatch(/unsubscribe/i)

    await updateOrder(app.payload, order.id, { status: 'paid' })
    await updateOrder(app.payload, order.id, { customerName: 'Grace H.' })
    await drainOutbox(app.payload)
    expect(subjectsFor('buyer@example.com')).toHaveLength(1)

    await updateOrder(app.payload, order.id, { status: 'shipped' })
    await drainOutbox(app.payload)
    expect(subjectsFor('buyer@example.com')).toEqual([
      `Order #${order.id} is confirmed`,
      `Order #${order.id} has shipped`,
    ])
    expect(app.postmark.acceptedFor('buyer@example.com')[1].HtmlBody).toContain(
      `Order #${order.id} is on its way.`,
    )

    await updateOrder(app.payload, order.id, { status: 'delivered' })
    await updateOrder(app.payload, order.id, { status: 'shipped' })
    await drainOutbox(app.payload)
    expect(subjectsFor('buyer@example.com')).toHaveLength(2)
    expect(app.postmark.duplicates()).toEqual([])
    expect(await statusCounts(app.payload)).toEqual({ sent: 2 })
  })

  it('queues nothing when the save that triggered it is rolled back', async () => {
    const req = await createLocalReq({}, app.payload)
    await initTransaction(req)
    await app.payload.create({
      collection: 'orders' as 'users',
      data: { customerEmail: 'rolled-back@example.com', total: 5 } as never,
      req,
    })
    await killTransaction(req)
    expect(await statusCounts(app.payload)).toEqual({})
  })

  it('fails the save and queues nothing when the hook cannot render its template', async () => {
    await expect(createOrder(app.payload, 'no-total@example.com', { total: null })).rejects.toThrow(
      /"total"/,
    )
    expect(await statusCounts(app.payload)).toEqual({})
    const { totalDocs } = await app.payload.count({
      collection: 'orders' as 'users',
      where: { customerEmail: { equals: 'no-total@example.com' } },
    })
    expect(totalDocs).toBe(0)
  })
})

describe('sendTransactional', () => {
  it('refuses data without a required variable, names it, and queues nothing', async () => {
    const attempt = sendTransactional(app.payload, {
      data: { total: 3 },
      template: 'order-confirmation',
      to: 'someone@example.com',
    })
    await expect(attempt).rejects.toBeInstanceOf(MissingTemplateVariableError)
    await expect(attempt).rejects.toMatchObject({
      template: 'order-confirmation',
      variable: 'orderNumber',
    })
    await expect(
      sendTransactional(app.payload, {
        data: { name: 'Ada', product: {} },
        template: 'welcome',
        to: 'someone@example.com',
      }),
    ).rejects.toMatchObject({
      variable: 'product.name',
    })
    expect(await statusCounts(app.payload)).toEqual({})
  })

  it('sends a Postmark template as TemplateAlias + TemplateModel', async () => {
    const data = { name: 'Ada', product: { name: 'Analytical Engine' } }
    const { messageId } = await sendTransactional(app.payload, {
      data,
      template: 'welcome',
      to: 'ada@example.com',
    })
    await drainOutbox(app.payload)
    const [accepted] = app.postmark.acceptedFor('ada@example.com')
    expect(accepted).toMatchObject({
      MessageStream: 'outbound',
      TemplateAlias: 'welcome-v2',
      TemplateModel: data,
    })
    expect(accepted.HtmlBody).toBeUndefined()
    expect(accepted.Metadata).toMatchObject({ messageId: String(messageId), template: 'welcome' })
  })

  it('passes cc, bcc, tag and metadata through and returns the first message for a repeated dedupe key', async () => {
    const args = {
      bcc: 'audit@example.com',
      cc: 'boss@example.com',
      data: { orderNumber: 'A-1', total: 1 },
      dedupeKey: 'invoice:A-1',
      metadata: { invoice: 'A-1' },
      tag: 'invoice',
      template: 'order-confirmation',
      to: 'Payer@Example.com ',
    }
    const first = await sendTransactional(app.payload, args)
    const again = await sendTransactional(app.payload, args)
    expect(again).toEqual({ duplicate: true, messageId: first.messageId, status: 'queued' })
    await drainOutbox(app.payload)
    expect(app.postmark.accepted).toHaveLength(1)
    expect(app.postmark.accepted[0]).toMatchObject({
      Bcc: 'audit@example.com',
      Cc: 'boss@example.com',
      Metadata: { invoice: 'A-1' },
      Tag: 'invoice',
      To: 'payer@example.com',
    })
  })

  it('refuses bounced and complained contacts with a suppressed log row, and still sends to an unsubscribed contact', async () => {
    const contacts = await Promise.all(
      (['bounced', 'complained', 'unsubscribed'] as const).map((status) =>
        app.payload.create({
          collection: slugs.contacts,
          data: {
            email: `${status}@example.com`,
            status,
            statusReason: status === 'bounced' ? 'HardBounce from Postmark' : undefined,
          },
        }),
      ),
    )
    const send = (to: string) =>
      sendTransactional(app.payload, {
        data: { orderNumber: '7', total: 7 },
        template: 'order-confirmation',
        to,
      })
    const bounced = await send('bounced@example.com')
    const complained = await send('complained@example.com')
    const unsubscribed = await send('unsubscribed@example.com')
    expect(bounced.status).toBe('suppressed')
    expect(complained.status).toBe('suppressed')
    expect(unsubscribed.status).toBe('queued')
    await drainOutbox(app.payload)
    expect(app.postmark.accepted.map((message) => message.To)).toEqual(['unsubscribed@example.com'])
    const row = (id: number) => app.payload.findByID({ collection: slugs.messages, depth: 0, id })
    expect(await row(bounced.messageId)).toMatchObject({
      contact: contacts[0].id,
      kind: 'transactional',
      lastError: expect.stringMatching(/hard-bounced.*HardBounce from Postmark/),
      status: 'suppressed',
    })
    expect(await row(complained.messageId)).toMatchObject({
      contact: contacts[1].id,
      lastError: expect.stringContaining('spam complaint'),
      status: 'suppressed',
    })
    expect(await row(unsubscribed.messageId)).toMatchObject({
      contact: contacts[2].id,
      status: 'sent',
    })
  })
})
