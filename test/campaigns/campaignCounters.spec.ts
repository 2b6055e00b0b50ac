import { sql } from '@payloadcms/db-postgres'

import { cancelCampaign, sendCampaign } from '../../src/campaigns/campaignActions'
import { campaignStats } from '../../src/campaigns/campaignStats'
import { campaignTick } from '../../src/campaigns/campaignTick'
import {
  backfillCampaignCounts,
  campaignCountsReady,
  campaignCountsTask,
} from '../../src/campaigns/stats/backfillCampaignCounts'
import { foldCampaignCountDeltas } from '../../src/campaigns/stats/foldCampaignCountDeltas'
import { eraseContact } from '../../src/privacy/eraseContact'
import { pruneMessageBodies } from '../../src/retention/pruneMessageBodies'
import { pruneMessageEvents } from '../../src/retention/pruneMessageEvents'
import { retentionCursorTableName } from '../../src/retention/retentionTables'
import { retentionTick } from '../../src/retention/retentionTick'
import {
  campaignCountDeltasTableName,
  campaignCountsTableName,
} from '../../src/sending/counters/campaignCountTables'
import { setSubscriptionStatus, subscriptionsOf } from '../../src/subscriptions/subscriptionRecords'
import { unsubscribeContact } from '../../src/subscriptions/unsubscribeContact'
import { sendLeasesTable } from '../../src/sending/recipients/recipientTables'
import { waitingRecipients } from '../../src/sending/recipients/recipientBatches'
import { rowsOf } from '../../src/utilities/db'
import { recordPostmarkWebhook } from '../../src/webhooks/recordPostmarkWebhook'
import { bootSendingApp, type SendingApp } from '../helpers/bootSendingApp'
import { tables } from '../helpers/slugs'
import {
  bounceBody,
  clickBody,
  deliveryBody,
  openBody,
  spamComplaintBody,
  subscriptionChangeBody,
} from '../public/webhookPayloads'
import { createCampaign, createList, seedSubscribers, sendToCompletion } from './campaignFixtures'

let app: SendingApp
let listId: number

type Row = Record<string, number>

/**
 * The stats as campaignStats computed them before the counters: a scan of every message row of
 * the campaign (and of its emails not written yet: waiting recipients count as queued, leased ones
 * as sending) and a join on the contact's latest unsubscribe. The counters must agree.
 */
const recount = async (id: number): Promise<Row[]> =>
  rowsOf<Row>(
    await app.payload.db.drizzle.execute(sql`
      SELECT coalesce(m.variant, 0)::int AS variant, count(*)::int AS recipients,
        count(*) FILTER (WHERE m.status IN ('queued', 'sending', 'held'))::int AS pending,
        count(*) FILTER (WHERE m.status IN ('sent', 'captured', 'delivered', 'bounced', 'complained'))::int AS sent,
        count(*) FILTER (WHERE m.status IN ('delivered', 'complained') OR m.events_delivered_at IS NOT NULL)::int AS delivered,
        count(m.events_opened_at)::int AS opened, count(m.events_clicked_at)::int AS clicked,
        count(*) FILTER (WHERE m.status = 'bounced' OR m.events_bounced_at IS NOT NULL)::int AS bounced,
        count(*) FILTER (WHERE m.status = 'complained')::int AS complained,
        count(*) FILTER (WHERE m.sent_at IS NOT NULL AND u.last_at >= m.sent_at)::int AS unsubscribed
      FROM (
        SELECT campaign_id, contact_id, variant, status::text AS status, sent_at, events_delivered_at, events_opened_at,
          events_clicked_at, events_bounced_at FROM ${tables.messages}
        UNION ALL
        SELECT r.campaign_id, r.contact_id, r.variant, 'queued', NULL, NULL, NULL, NULL, NULL FROM ${waitingRecipients(app.payload)}
        UNION ALL
        SELECT e.campaign_id, e.contact_id, e.variant, 'sending', NULL, NULL, NULL, NULL, NULL
        FROM ${sendLeasesTable(app.payload)} l,
          unnest(l.campaign_ids::int[], l.contact_ids::int[], l.variants::int[]) AS e(campaign_id, contact_id, variant)
      ) m
      LEFT JOIN (
        SELECT contact_id, max(unsubscribed_at) AS last_at FROM ${tables.subscriptions}
        WHERE status = 'unsubscribed' GROUP BY contact_id
      ) u ON u.contact_id = m.contact_id
      WHERE m.campaign_id = ${id} GROUP BY 1 ORDER BY 1`),
  )

const countKeys = [
  'bounced',
  'clicked',
  'complained',
  'delivered',
  'opened',
  'pending',
  'recipients',
  'sent',
  'unsubscribed',
  'variant',
]

/** campaignStats (from the counters) equals the recount, per variant; returns the recount. */
const expectCountersMatch = async (id: number): Promise<Row[]> => {
  const stats = await campaignStats(app.payload, id)
  expect(await campaignCountsReady(app.payload)).toBe(true)
  const expected = await recount(id)
  const fromCounters = stats.variants.map((variant) =>
    Object.fromEntries(countKeys.map((key) => [key, (variant as unknown as Row)[key]])),
  )
  expect(fromCounters).toEqual(expected)
  return expected
}

const deltaRows = async (id: number) =>
  rowsOf<{ count: number }>(
    await app.payload.db.drizzle.execute(
      sql`SELECT count(*)::int AS count FROM ${sql.identifier(campaignCountDeltasTableName)} WHERE campaign_id = ${id}`,
    ),
  )[0].count

type Sent = { contactId: number; id: number; pmid: string; to: string }

const messagesOf = async (id: number): Promise<Sent[]> =>
  rowsOf<Sent>(
    await app.payload.db.drizzle.execute(sql`
      SELECT id, contact_id AS "contactId", postmark_message_id AS pmid, to_address AS "to"
      FROM ${tables.messages} WHERE campaign_id = ${id} ORDER BY id`),
  )

const webhook = (body: unknown) => recordPostmarkWebhook(app.payload, body)
const at = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString()

beforeAll(async () => {
  app = await bootSendingApp({ name: 'campaign_counters', plugin: { retention: { batchSize: 5 } } })
  listId = await createList(app.payload, 'Counted readers')
})

afterAll(async () => {
  await app?.shutdown()
})

it('keeps the counters equal to a recount through fan-out, sends, suppression, webhooks, redeliveries, unsubscribes, folding and retention', async () => {
  const contacts = await seedSubscribers(app.payload, { count: 40, listId, prefix: 'counted' })
  const id = await createCampaign(app.payload, { audience: { lists: [listId] } })
  // Filled on an install without campaign history: from here on every change writes deltas.
  expect(await backfillCampaignCounts(app.payload)).toBe(true)
  await sendCampaign(app.payload, id)
  await campaignTick(app.payload)
  expect((await expectCountersMatch(id))[0]).toMatchObject({ pending: 40, recipients: 40 })

  // Two contacts bounced since the fan-out: suppressed at send time, never counted as sent.
  await app.payload.db.drizzle.execute(
    sql`UPDATE ${tables.contacts} SET status = 'bounced' WHERE id = ANY(${`{${contacts.slice(0, 2).join(',')}}`}::int[])`,
  )
  await sendToCompletion(app.payload, id)
  expect((await expectCountersMatch(id))[0]).toMatchObject({ pending: 0, sent: 38 })

  const sent = (await messagesOf(id)).filter((row) => row.pmid)
  for (const row of sent.slice(0, 30)) await webhook(deliveryBody(row.pmid, row.to, at(1)))
  for (const [index, row] of sent.slice(0, 20).entries()) {
    await webhook(openBody(row.pmid, row.to, at(2), { messageId: String(row.id) }))
    // A second open and a redelivery of the first change no counter.
    if (index % 2 === 0) await webhook(openBody(row.pmid, row.to, at(3)))
    await webhook(openBody(row.pmid, row.to, at(2), { messageId: String(row.id) }))
  }
  for (const row of sent.slice(0, 8)) {
    await webhook(clickBody(row.pmid, row.to, 'https://example.com/a', at(4)))
    await webhook(clickBody(row.pmid, row.to, 'https://example.com/a', at(4)))
  }
  await webhook(bounceBody(9001, sent[30].pmid, sent[30].to))
  await webhook(bounceBody(9001, sent[30].pmid, sent[30].to))
  await webhook(bounceBody(9002, sent[31].pmid, sent[31].to, 'SoftBounce'))
  // A delivery after a bounce, and a complaint on a delivered message.
  await webhook(deliveryBody(sent[31].pmid, sent[31].to, at(5)))
  await webhook(spamComplaintBody(9003, sent[5].pmid, sent[5].to))
  await webhook(spamComplaintBody(9003, sent[5].pmid, sent[5].to))
  const afterWebhooks = (await expectCountersMatch(id))[0]
  expect(afterWebhooks).toMatchObject({
    bounced: 2,
    clicked: 8,
    complained: 1,
    delivered: 31,
    opened: 20,
  })
  expect(afterWebhooks.unsubscribed).toBe(1)

  // Unsubscribes through the public path, a Postmark subscription change, and a resubscribe.
  await unsubscribeContact(app.payload, { contactId: sent[10].contactId, reason: 'test' })
  await unsubscribeContact(app.payload, {
    contactId: sent[11].contactId,
    listIds: [listId],
    reason: 'test',
  })
  await webhook(subscriptionChangeBody(sent[12].pmid, sent[12].to, true, at(6)))
  expect((await expectCountersMatch(id))[0].unsubscribed).toBe(4)
  const [[, subscription]] = [...(await subscriptionsOf(app.payload, sent[11].contactId))]
  await setSubscriptionStatus(app.payload, {
    contactId: sent[11].contactId,
    existing: subscription,
    listId,
    status: 'subscribed',
  })
  expect((await expectCountersMatch(id))[0].unsubscribed).toBe(3)

  // Folding moves every delta into the counts and changes no answer.
  const before = await recount(id)
  expect(await deltaRows(id)).toBeGreaterThan(0)
  while ((await foldCampaignCountDeltas(app.payload, { batchSize: 5 })) > 0);
  expect(await deltaRows(id)).toBe(0)
  expect(await expectCountersMatch(id)).toEqual(before)

  // Retention compaction (events and bodies of old messages) leaves the answers as they were.
  await app.payload.db.drizzle.execute(sql`
    UPDATE ${tables.messageEvents} SET occurred_at = occurred_at - interval '400 days'`)
  await app.payload.db.drizzle.execute(sql`
    UPDATE ${tables.messages} SET created_at = created_at - interval '400 days' WHERE campaign_id = ${id}`)
  while ((await pruneMessageEvents(app.payload)) > 0);
  while ((await pruneMessageBodies(app.payload)) > 0);
  let tick = await retentionTick(app.payload)
  while (tick.eventsRemoved + tick.bodiesScanned + tick.countsFolded > 0)
    tick = await retentionTick(app.payload)
  expect(
    rowsOf<{ count: number }>(
      await app.payload.db.drizzle.execute(
        sql`SELECT count(*)::int AS count FROM ${tables.messageEvents}`,
      ),
    )[0].count,
  ).toBe(0)
  expect(await expectCountersMatch(id)).toEqual(before)
})

it('loses no count when webhooks for one campaign, and for one message, arrive at once', async () => {
  const list = await createList(app.payload, 'Concurrent readers')
  await seedSubscribers(app.payload, { count: 60, listId: list, prefix: 'busy' })
  const id = await createCampaign(app.payload, { audience: { lists: [list] } })
  await sendCampaign(app.payload, id)
  await sendToCompletion(app.payload, id)
  const sent = await messagesOf(id)
  await Promise.all(
    sent.flatMap((row, index) => [
      webhook(deliveryBody(row.pmid, row.to, at(1))),
      webhook(openBody(row.pmid, row.to, at(2), { messageId: String(row.id) })),
      // The same open twice at once: one is a duplicate.
      webhook(openBody(row.pmid, row.to, at(2), { messageId: String(row.id) })),
      ...(index % 3 === 0
        ? [webhook(clickBody(row.pmid, row.to, 'https://example.com/b', at(3)))]
        : []),
      ...(index % 10 === 0 ? [webhook(bounceBody(9100 + index, row.pmid, row.to))] : []),
    ]),
  )
  expect((await expectCountersMatch(id))[0]).toMatchObject({
    bounced: 6,
    clicked: 20,
    delivered: 60,
    opened: 60,
    recipients: 60,
  })
  // Folds in parallel take disjoint batches.
  await Promise.all([0, 1, 2].map(() => foldCampaignCountDeltas(app.payload, { batchSize: 3 })))
  await expectCountersMatch(id)
})

it('counts cancelled rows, and fills the counters of an upgraded install from its message log', async () => {
  const list = await createList(app.payload, 'Cancelled readers')
  await seedSubscribers(app.payload, { count: 25, listId: list, prefix: 'cancelled' })
  const id = await createCampaign(app.payload, { audience: { lists: [list] } })
  await sendCampaign(app.payload, id)
  await campaignTick(app.payload)
  // Erasing a contact suppresses its waiting email; cancelling cancels the rest.
  const [first] = rowsOf<{ contactId: number }>(
    await app.payload.db.drizzle.execute(
      sql`SELECT r.contact_id AS "contactId" FROM ${waitingRecipients(app.payload, sql`b.campaign_id = ${id}`)} ORDER BY r.contact_id LIMIT 1`,
    ),
  )
  await eraseContact(app.payload, first.contactId)
  expect(await messagesOf(id)).toEqual([expect.objectContaining({ to: '[erased]' })])
  expect((await expectCountersMatch(id))[0]).toMatchObject({ pending: 24, recipients: 25 })
  await cancelCampaign(app.payload, id)
  expect((await expectCountersMatch(id))[0]).toMatchObject({ pending: 0, recipients: 25 })

  // An install upgraded with history: no counters and no marker. Stats fill them on first read.
  const campaigns = rowsOf<{ id: number }>(
    await app.payload.db.drizzle.execute(sql`SELECT id FROM ${tables.campaigns} ORDER BY id`),
  )
  const answers = await Promise.all(campaigns.map((row) => recount(row.id)))
  const db = app.payload.db.drizzle
  await db.execute(sql`DELETE FROM ${sql.identifier(campaignCountsTableName)}`)
  await db.execute(sql`DELETE FROM ${sql.identifier(campaignCountDeltasTableName)}`)
  await db.execute(
    sql`DELETE FROM ${sql.identifier(retentionCursorTableName)} WHERE task = ${campaignCountsTask}`,
  )
  expect(await campaignCountsReady(app.payload)).toBe(false)
  // The first read fills them (campaignCounts), then every campaign reads as before.
  for (const [index, row] of campaigns.entries())
    expect(await expectCountersMatch(row.id)).toEqual(answers[index])
})
