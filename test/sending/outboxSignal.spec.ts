import type { Payload } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import { createDevConfig } from '../../dev/config'
import { sendCampaign, sendTransactional } from '../../src/index'
import { drainOutbox } from '../../src/sending/drainOutbox'
import { enqueueMessage } from '../../src/sending/enqueueMessages'
import { stopScheduler } from '../../src/scheduler/startScheduler'
import { signalOutboxWork } from '../../src/sending/outboxSignal'
import { rowsOf } from '../../src/utilities/db'
import {
  createCampaign,
  createList,
  messageCounts,
  seedSubscribers,
} from '../campaigns/campaignFixtures'
import { bootSendingApp, type SendingApp } from '../helpers/bootSendingApp'
import { bootTestPayload, type TestPayload } from '../helpers/bootTestPayload'
import { createOrderTemplates } from '../transactional/templates'
import { tables } from '../helpers/slugs'

// Once a year: no tick runs during the test, so whatever is sent was sent because of the signal.
const never = '0 0 0 1 1 *'

let app: SendingApp
let other: TestPayload

beforeAll(async () => {
  app = await bootSendingApp({
    name: 'outbox_signal',
    plugin: {
      automations: { cron: never },
      imports: { cron: never },
      scheduler: { campaignCron: never, enabled: true, outboxCron: never },
    },
  })
  // A second Payload instance in this process, on the same database (pushed by the first, so no push here).
  other = await bootTestPayload({
    buildTestConfig: () =>
      createDevConfig({
        databaseUrl: app.databaseUrl,
        plugin: { scheduler: { enabled: false } },
        push: false,
      }),
    name: 'outbox_signal_other',
  })
  await createOrderTemplates(app.payload)
})

afterAll(async () => {
  await other?.shutdown()
  await app?.shutdown()
})

const waitFor = async (
  condition: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 15_000,
) => {
  const deadline = Date.now() + timeoutMs
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

const statusOf = async (id: number) =>
  rowsOf<{ status: string }>(
    await app.payload.db.drizzle.execute(
      sql`SELECT status::text FROM ${tables.messages} WHERE id = ${id}`,
    ),
  )[0].status

const systemEmail = (to: string) => ({
  html: '<p>Hello</p>',
  kind: 'system' as const,
  subject: 'Signal test',
  to,
})

it('sends a transactional email right after sendTransactional queues it, without waiting for an outbox tick', async () => {
  const { messageId } = await sendTransactional(app.payload, {
    data: { orderNumber: 7, total: 24 },
    template: 'order-confirmation',
    to: 'kicked@example.com',
  })
  await waitFor(
    async () => (await statusOf(messageId)) === 'sent',
    'the order confirmation to be sent',
  )
  expect(
    app.postmark.accepted.filter((message) => message.To === 'kicked@example.com'),
  ).toMatchObject([{ MessageStream: 'outbound', Subject: 'Order #7 is confirmed' }])
})

it('sends mail queued through payload.sendEmail (the outbox email adapter) without waiting for an outbox tick', async () => {
  await app.payload.sendEmail({
    html: '<p>Reset</p>',
    subject: 'Reset your password',
    to: 'adapter@example.com',
  })
  await waitFor(
    () => app.postmark.accepted.some((message) => message.To === 'adapter@example.com'),
    'the adapter email',
  )
})

it("drains only the signalled Payload instance's outbox", async () => {
  const { id } = await enqueueMessage(app.payload, systemEmail('waiting@example.com'))
  signalOutboxWork(other.payload)
  await new Promise((resolve) => setTimeout(resolve, 1000))
  expect(await statusOf(id)).toBe('queued')

  signalOutboxWork(app.payload)
  await waitFor(async () => (await statusOf(id)) === 'sent', 'the signalled row to be sent')
  expect(
    app.postmark.accepted.filter((message) => message.To === 'waiting@example.com'),
  ).toHaveLength(1)
})

it('stops listening when the scheduler stops', async () => {
  await stopScheduler(app.payload)
  const { id } = await enqueueMessage(app.payload, systemEmail('after-stop@example.com'))
  signalOutboxWork(app.payload)
  await new Promise((resolve) => setTimeout(resolve, 1000))
  expect(await statusOf(id)).toBe('queued')
})

it('fails campaign rows that no claim-time renderer rendered instead of sending them empty', async () => {
  const listId = await createList(app.payload, 'Unrendered')
  await seedSubscribers(app.payload, { count: 2, listId, prefix: 'unrendered' })
  const id = await createCampaign(app.payload, {
    audience: { lists: [listId] },
    name: 'Unrendered',
  })
  await sendCampaign(app.payload, id, { budgetMs: 0 })
  expect(await messageCounts(app.payload, id)).toEqual({ queued: 2 })

  // The same app seen as another Payload instance: the plugin registered the campaign renderer for app.payload only.
  const withoutRenderers = Object.create(app.payload) as Payload
  await drainOutbox(withoutRenderers)
  expect(await messageCounts(app.payload, id)).toEqual({ failed: 2 })
  const errors = rowsOf<{ lastError: string }>(
    await app.payload.db.drizzle.execute(
      sql`SELECT last_error AS "lastError" FROM ${tables.messages} WHERE campaign_id = ${id}`,
    ),
  )
  expect(errors.map((row) => row.lastError)).toEqual([
    'No claim-time renderer rendered this campaign row.',
    'No claim-time renderer rendered this campaign row.',
  ])
  expect(
    app.postmark.accepted.filter((message) => message.Metadata?.campaignId === String(id)),
  ).toHaveLength(0)
})
