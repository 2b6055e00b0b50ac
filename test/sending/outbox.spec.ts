import { sql } from '@payloadcms/db-postgres'

import { drainOutbox } from '../../src/sending/drainOutbox'
import { enqueueMessage, enqueueMessages } from '../../src/sending/enqueueMessages'
import { outboxTick } from '../../src/sending/outboxTick'
import { rowsOf } from '../../src/utilities/db'
import { broadcastInputs, bootSendingApp, type SendingApp } from '../helpers/bootSendingApp'
import { enqueueInChunks, statusCounts, withContacts } from '../helpers/outboxRows'
import { eventMark, recordedEvents } from '../helpers/recordedEvents'
import { slugs, tables } from '../helpers/slugs'

let app: SendingApp

beforeAll(async () => {
  app = await bootSendingApp({ name: 'outbox' })
})

afterAll(async () => {
  await app?.shutdown()
})

beforeEach(async () => {
  await app.payload.db.drizzle.execute(sql`TRUNCATE ${tables.messages} CASCADE`)
  app.postmark.reset()
})

const later = (seconds: number) => () => new Date(Date.now() + seconds * 1000)

describe('the outbox', () => {
  it('sends 1,201 queued messages in three batch calls of at most 500', async () => {
    await enqueueMessages(app.payload, await withContacts(app.payload, broadcastInputs(1201)))
    const result = await drainOutbox(app.payload)
    const batchSizes = app.postmark.requests
      .filter((request) => request.path === '/email/batch')
      .map((request) => request.batchSize)
    expect(batchSizes.sort((a, b) => (b ?? 0) - (a ?? 0))).toEqual([500, 500, 201])
    expect(result.accepted).toBe(1201)
    expect(app.postmark.accepted).toHaveLength(1201)
    expect(app.postmark.duplicates()).toEqual([])
    expect(await statusCounts(app.payload)).toEqual({ sent: 1201 })
    expect(app.postmark.accepted[0]).toMatchObject({
      From: '"Test sender" <news@example.com>',
      MessageStream: 'broadcast',
    })
  })

  it('does not enqueue a dedupe key twice and returns the first id', async () => {
    const first = await enqueueMessage(app.payload, {
      dedupeKey: 'welcome:42',
      html: '<p>Hi</p>',
      kind: 'transactional',
      subject: 'Hi',
      to: 'x@example.com',
    })
    const again = await enqueueMessage(app.payload, {
      dedupeKey: 'welcome:42',
      html: '<p>Hi</p>',
      kind: 'transactional',
      subject: 'Hi',
      to: 'x@example.com',
    })
    expect(again).toEqual({ duplicate: true, id: first.id })
    expect(first.duplicate).toBe(false)
    await drainOutbox(app.payload)
    expect(app.postmark.accepted).toHaveLength(1)
    expect(app.postmark.accepted[0].MessageStream).toBe('outbound')
  })

  it('suppresses an inactive recipient and marks its contact bounced (published as a status change), fails an invalid address, and never retries either', async () => {
    const contact = await app.payload.create({
      collection: slugs.contacts,
      data: { email: 'gone@example.com' },
    })
    const other = await app.payload.create({
      collection: slugs.contacts,
      data: { email: 'typo@example.com' },
    })
    const fineContact = await app.payload.create({
      collection: slugs.contacts,
      data: { email: 'fine@example.com' },
    })
    app.postmark.inactiveRecipients.add('gone@example.com')
    const [inactive, invalid, fine] = await enqueueMessages(app.payload, [
      {
        contact: contact.id,
        html: '<p>x</p>',
        kind: 'campaign',
        subject: 'x',
        to: 'gone@example.com',
      },
      { contact: other.id, html: '<p>x</p>', kind: 'campaign', subject: 'x', to: 'typo@@example' },
      {
        contact: fineContact.id,
        html: '<p>x</p>',
        kind: 'campaign',
        subject: 'x',
        to: 'fine@example.com',
      },
    ])
    const eventsBefore = await eventMark(app.payload)
    await drainOutbox(app.payload)
    const byId = async (id: number) => app.payload.findByID({ collection: slugs.messages, id })
    expect(await recordedEvents(app.payload, eventsBefore)).toEqual([
      {
        contactId: contact.id,
        field: 'status',
        previousValue: 'active',
        type: 'contact.fieldChanged',
        value: 'bounced',
      },
    ])
    expect(await byId(inactive.id)).toMatchObject({
      lastError: expect.stringContaining('406'),
      status: 'suppressed',
    })
    expect(await byId(invalid.id)).toMatchObject({
      lastError: expect.stringContaining('300'),
      status: 'failed',
    })
    expect(await byId(fine.id)).toMatchObject({
      status: 'sent',
      postmarkMessageId: expect.any(String),
    })
    expect(
      await app.payload.findByID({ collection: slugs.contacts, id: contact.id }),
    ).toMatchObject({
      status: 'bounced',
      statusReason: expect.stringContaining('406'),
    })
    expect(await app.payload.findByID({ collection: slugs.contacts, id: other.id })).toMatchObject({
      status: 'active',
      statusReason: expect.stringContaining('300'),
    })

    const requestsBefore = app.postmark.requests.length
    await drainOutbox(app.payload, { now: later(7200) })
    expect(app.postmark.requests.length).toBe(requestsBefore)
  })

  it.each([
    ['429', { kind: 'status', status: 429 } as const],
    ['500', { kind: 'status', status: 500 } as const],
  ])(
    'puts a batch back with backoff after HTTP %s and then sends every message exactly once',
    async (_, fault) => {
      await enqueueMessages(app.payload, await withContacts(app.payload, broadcastInputs(20)))
      app.postmark.inject({ ...fault, times: 2 })
      const started = new Date()
      await drainOutbox(app.payload, { maxBatches: 1 })
      const [row] = rowsOf<{ attempts: number; next: Date; status: string; error: string }>(
        await app.payload.db.drizzle.execute(
          sql`SELECT status::text, attempts::int, next_attempt_at AS next, last_error AS error FROM ${tables.messages} LIMIT 1`,
        ),
      )
      expect(row).toMatchObject({
        attempts: 1,
        error: expect.stringContaining(fault.status.toString()),
        status: 'queued',
      })
      expect(new Date(row.next).getTime()).toBeGreaterThan(started.getTime() + 4000)
      expect(await drainOutbox(app.payload)).toMatchObject({ accepted: 0, batches: 0 })

      await drainOutbox(app.payload, { now: later(60) })
      await drainOutbox(app.payload, { now: later(3600) })
      expect(app.postmark.accepted).toHaveLength(20)
      expect(app.postmark.duplicates()).toEqual([])
      expect(await statusCounts(app.payload)).toEqual({ sent: 20 })
    },
  )

  it('checks Postmark before resending after a dropped connection, so every message is accepted once', async () => {
    await enqueueMessages(app.payload, await withContacts(app.payload, broadcastInputs(30)))
    app.postmark.inject({ kind: 'drop', times: 1 })
    await drainOutbox(app.payload)
    expect(await statusCounts(app.payload)).toEqual({ sending: 30 })
    await outboxTick(app.payload, { now: later(3600) })
    expect(app.postmark.accepted).toHaveLength(30)
    expect(app.postmark.duplicates()).toEqual([])
    expect(await statusCounts(app.payload)).toEqual({ sent: 30 })
  })

  it('marks messages failed with the last error after the configured number of attempts', async () => {
    await enqueueMessages(app.payload, await withContacts(app.payload, broadcastInputs(3)))
    app.postmark.inject({ kind: 'status', status: 503, times: 100 })
    for (let attempt = 0; attempt < 8; attempt++) {
      await drainOutbox(app.payload, { now: later(3600 * (attempt + 1)) })
    }
    expect(await statusCounts(app.payload)).toEqual({ failed: 3 })
    const [message] = (await app.payload.find({ collection: slugs.messages, limit: 1 })).docs
    expect(message).toMatchObject({ attempts: 8, lastError: expect.stringContaining('503') })
    app.postmark.clearFaults()
  })

  it('resolves a message whose worker died after Postmark accepted it, without sending it again', async () => {
    const [{ id }] = await enqueueMessages(
      app.payload,
      await withContacts(app.payload, broadcastInputs(1)),
    )
    await drainOutbox(app.payload)
    // Simulate a crash between "Postmark accepted" and "we wrote sent".
    await app.payload.db.drizzle.execute(
      sql`UPDATE ${tables.messages} SET status = 'sending', postmark_message_id = NULL, lease_until = now() WHERE id = ${id}`,
    )
    const result = await outboxTick(app.payload, { now: later(10) })
    expect(result.reconciled).toEqual({ requeued: 0, sent: 1 })
    expect(app.postmark.accepted).toHaveLength(1)
    expect(await app.payload.findByID({ collection: slugs.messages, id })).toMatchObject({
      postmarkMessageId: app.postmark.accepted[0].MessageID,
      status: 'sent',
    })
  })

  it('claims transactional messages queued after 50,000 broadcast ones in the next batch', async () => {
    await enqueueInChunks(broadcastInputs(50_000, { prefix: 'bulk' }), 5000, async (chunk) =>
      enqueueMessages(app.payload, await withContacts(app.payload, chunk)),
    )
    await drainOutbox(app.payload, { maxBatches: 2 })
    const { id } = await enqueueMessage(app.payload, {
      html: '<p>Reset</p>',
      kind: 'transactional',
      subject: 'Reset your password',
      to: 'urgent@example.com',
    })
    await drainOutbox(app.payload, { maxBatches: 1 })
    const batches = app.postmark.requests.filter((request) => request.path === '/email/batch')
    expect(batches).toHaveLength(3)
    const urgent = app.postmark.acceptedFor('urgent@example.com')
    expect(urgent).toHaveLength(1)
    expect(urgent[0]).toMatchObject({
      MessageStream: 'outbound',
      requestIndex: app.postmark.requests.indexOf(batches[2]),
    })
    expect(await app.payload.findByID({ collection: slugs.messages, id })).toMatchObject({
      status: 'sent',
    })
    expect(app.postmark.accepted).toHaveLength(1500)
  })
})

describe('the Payload email adapter', () => {
  it('queues payload.forgotPassword in the log and sends it on the transactional stream', async () => {
    await app.payload.create({
      collection: 'users',
      data: { email: 'editor@example.com', password: 'correct-horse' },
    })
    await app.payload.forgotPassword({ collection: 'users', data: { email: 'editor@example.com' } })
    const { docs } = await app.payload.find({
      collection: slugs.messages,
      where: { toAddress: { equals: 'editor@example.com' } },
    })
    expect(docs).toHaveLength(1)
    expect(docs[0]).toMatchObject({ kind: 'system', status: 'queued', stream: 'outbound' })
    await drainOutbox(app.payload)
    const [received] = app.postmark.acceptedFor('editor@example.com')
    expect(received).toMatchObject({
      MessageStream: 'outbound',
      Metadata: { messageId: String(docs[0].id) },
    })
    expect(received.HtmlBody).toContain('/admin/reset/')
    expect(
      await app.payload.findByID({ collection: slugs.messages, id: docs[0].id }),
    ).toMatchObject({
      postmarkMessageId: received.MessageID,
      status: 'sent',
    })
  })
})
