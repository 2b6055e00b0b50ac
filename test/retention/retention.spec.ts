import { sql } from '@payloadcms/db-postgres'

import type { SegmentCondition, SegmentConditions } from '../../src/segments/conditionTypes'

import { sendCampaign } from '../../src/campaigns/campaignActions'
import { campaignReport } from '../../src/campaigns/campaignStats'
import { pruneMessageBodies } from '../../src/retention/pruneMessageBodies'
import { pruneMessageEvents } from '../../src/retention/pruneMessageEvents'
import { retentionTick } from '../../src/retention/retentionTick'
import { countSegment, segmentContactsQuery } from '../../src/segments/segmentQueries'
import { contactTimeline } from '../../src/timeline/contactTimeline'
import { rowsOf } from '../../src/utilities/db'
import { recordPostmarkWebhook } from '../../src/webhooks/recordPostmarkWebhook'
import { messageLookupStatement } from '../../src/webhooks/webhookContext'
import { bootSendingApp, type SendingApp } from '../helpers/bootSendingApp'
import { nodesOf, type PlanNode } from '../helpers/queryPlans'
import { tableNames, tables } from '../helpers/slugs'
import { clickBody, openBody } from '../public/webhookPayloads'
import {
  createCampaign,
  createList,
  messageCounts,
  seedSubscribers,
  sendToCompletion,
} from '../campaigns/campaignFixtures'

const batchSize = 7
const receipts = 10
let app: SendingApp
let listId: number
let contactIds: number[]
let campaignId: number

const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString()

type Sent = { contactId: number; id: number; postmarkId: string; to: string }

const sentMessages = async (id: number): Promise<Sent[]> =>
  rowsOf<Sent>(
    await app.payload.db.drizzle.execute(sql`
      SELECT id, contact_id AS "contactId", postmark_message_id AS "postmarkId", to_address AS "to"
      FROM ${tables.messages} WHERE campaign_id = ${id} ORDER BY id`),
  )

const open = (message: Sent, at: string) =>
  recordPostmarkWebhook(
    app.payload,
    openBody(message.postmarkId, message.to, at, { messageId: String(message.id) }),
  )
const click = (message: Sent, url: string, at: string) =>
  recordPostmarkWebhook(app.payload, clickBody(message.postmarkId, message.to, url, at))

const engagement = (
  operator: SegmentCondition['operator'],
  extra: Partial<SegmentCondition> = {},
): SegmentConditions => ({
  groups: [{ conditions: [{ operator, type: 'engagement', ...extra }], match: 'all' }],
  match: 'all',
})

const rules = () => ({
  clickedCampaign: engagement('clickedCampaign', { campaignId }),
  clickedWithin30: engagement('clickedAnyWithinDays', { days: 30 }),
  clickedWithin500: engagement('clickedAnyWithinDays', { days: 500 }),
  notOpenedCampaign: engagement('notOpenedCampaign', { campaignId }),
  openedCampaign: engagement('openedCampaign', { campaignId }),
  openedWithin30: engagement('openedAnyWithinDays', { days: 30 }),
  openedWithin500: engagement('openedAnyWithinDays', { days: 500 }),
})

/** Every answer retention must leave alone: report, segment members and timeline summaries. */
const answers = async () => {
  const segments: Record<string, number[]> = {}
  for (const [name, conditions] of Object.entries(rules())) {
    const query = await segmentContactsQuery(app.payload, conditions)
    segments[name] = rowsOf<{ id: number }>(
      await app.payload.db.drizzle.execute(sql`SELECT id FROM (${query}) s ORDER BY id`),
    ).map((row) => row.id)
    expect(await countSegment(app.payload, conditions)).toBe(segments[name].length)
  }
  // The facts behind "any email within N days" agree with the message log they summarise.
  for (const [name, column] of [
    ['openedWithin30', sql`events_opened_at`],
    ['clickedWithin30', sql`events_clicked_at`],
  ] as const) {
    const fromLog = rowsOf<{ id: number }>(
      await app.payload.db.drizzle.execute(sql`
        SELECT DISTINCT contact_id AS id FROM ${tables.messages}
        WHERE ${column} >= now() - interval '30 days' ORDER BY 1`),
    ).map((row) => row.id)
    expect(segments[name]).toEqual(fromLog)
  }
  const summaries = await Promise.all(
    contactIds.slice(0, 6).map(async (id) => (await contactTimeline(app.payload, id)).summary),
  )
  const report = await campaignReport(app.payload, campaignId)
  return { report, segments, summaries }
}

const rowCount = async (query: ReturnType<typeof sql>) =>
  rowsOf<{ count: number }>(await app.payload.db.drizzle.execute(query))[0].count

const pruned = sql`SELECT count(*)::int AS count FROM ${tables.messages} WHERE body_pruned_at IS NOT NULL`

/** Each row's id and xmin, the transaction that wrote its current version. */
const rowVersions = async (where: ReturnType<typeof sql>) =>
  rowsOf<{ id: number; xmin: string }>(
    await app.payload.db.drizzle.execute(
      sql`SELECT id, xmin::text AS xmin FROM ${tables.messages} WHERE ${where} ORDER BY id`,
    ),
  )

beforeAll(async () => {
  app = await bootSendingApp({
    name: 'retention',
    plugin: { retention: { batchSize, bodyDays: 180, eventDays: 365 } },
  })
  listId = await createList(app.payload, 'Everyone')
  contactIds = await seedSubscribers(app.payload, { count: 24, listId, prefix: 'kept' })
  campaignId = await createCampaign(app.payload, {
    audience: { lists: [listId] },
    name: 'Old news',
  })
  await sendCampaign(app.payload, campaignId)
  await sendToCompletion(app.payload, campaignId)
  const messages = await sentMessages(campaignId)
  // The campaign went out 400 days ago; its readers opened and clicked then and some again lately.
  await app.payload.db.drizzle.execute(sql`
    UPDATE ${tables.messages} SET created_at = now() - interval '400 days', sent_at = now() - interval '400 days'
    WHERE campaign_id = ${campaignId}`)
  // Receipts, 300 days old: stored with their bodies, unlike campaign emails (rendered when claimed).
  await app.payload.db.drizzle.execute(sql`
    INSERT INTO ${tables.messages} (kind, status, stream, contact_id, to_address, from_address, subject, html, text,
      template_model, dedupe_key, postmark_message_id, sent_at, created_at, updated_at)
    SELECT 'transactional', 'sent', 'outbound', c.id, c.email, 'shop@example.com', 'Receipt', '<p>Receipt</p>', 'Receipt',
      '{"total": 5}'::jsonb, 'receipt:' || c.id, 'receipt-' || c.id, now() - interval '300 days',
      now() - interval '300 days', now() - interval '300 days'
    FROM ${tables.contacts} c WHERE c.id = ANY(${`{${contactIds.slice(0, receipts).join(',')}}`}::int[])`)
  for (const [index, message] of messages.entries()) {
    if (index % 2 === 0) await open(message, daysAgo(399 - (index % 5)))
    if (index % 3 === 0) await click(message, `https://example.com/${index % 4}`, daysAgo(398))
    if (index % 4 === 0) await open(message, daysAgo(10))
    if (index % 4 === 1) await open(message, daysAgo(12))
    if (index % 6 === 1) await click(message, 'https://example.com/late', daysAgo(5))
    if (index % 6 === 0) await click(message, 'https://example.com/again', daysAgo(6))
  }
  // Two readers unsubscribed after the send and one before it (counted: the two).
  await app.payload.db.drizzle.execute(sql`
    UPDATE ${tables.subscriptions} SET status = 'unsubscribed',
      unsubscribed_at = CASE WHEN contact_id = ${contactIds[2]} THEN now() - interval '500 days' ELSE now() - interval '100 days' END
    WHERE contact_id IN (${contactIds[0]}, ${contactIds[1]}, ${contactIds[2]})`)
  // Every engagement rule must have members, or "unchanged" would prove nothing.
  for (const conditions of Object.values(rules()))
    expect(await countSegment(app.payload, conditions)).toBeGreaterThan(0)
}, 120_000)

afterAll(async () => {
  await app?.shutdown()
})

describe('retention', () => {
  it('compacts in bounded batches and leaves stats, segments and timeline summaries as they were', async () => {
    const before = await answers()
    const oldEvents = await rowCount(sql`
      SELECT count(*)::int AS count FROM ${tables.messageEvents} WHERE occurred_at < now() - interval '365 days'`)
    const recentEvents = await rowCount(sql`
      SELECT count(*)::int AS count FROM ${tables.messageEvents} WHERE occurred_at >= now() - interval '365 days'`)
    expect(oldEvents).toBeGreaterThan(batchSize * 2)
    expect(before.report.topLinks.length).toBeGreaterThan(1)
    expect(before.report).toMatchObject({ recipients: 24, sent: 24, unsubscribed: 2 })

    const campaignVersions = await rowVersions(sql`campaign_id = ${campaignId}`)

    // One batch removes batchSize event rows and scans batchSize messages: the oldest, campaign
    // emails, which have no body to prune and are not rewritten.
    expect(await pruneMessageEvents(app.payload)).toBe(batchSize)
    expect(await pruneMessageBodies(app.payload)).toBe(batchSize)
    expect(await rowCount(pruned)).toBe(0)
    // Halfway through, the answers are already the same.
    expect(await answers()).toEqual(before)

    let result = await retentionTick(app.payload)
    while (result.eventsRemoved + result.bodiesScanned > 0)
      result = await retentionTick(app.payload)

    expect(
      await rowCount(sql`
        SELECT count(*)::int AS count FROM ${tables.messageEvents} WHERE occurred_at < now() - interval '365 days'`),
    ).toBe(0)
    expect(await rowCount(sql`SELECT count(*)::int AS count FROM ${tables.messageEvents}`)).toBe(
      recentEvents,
    )
    // Every receipt lost its body; the campaign emails had none and were not rewritten.
    expect(await rowCount(pruned)).toBe(receipts)
    expect(
      await rowCount(sql`
        SELECT count(*)::int AS count FROM ${tables.messages}
        WHERE kind = 'transactional' AND (html IS NOT NULL OR text IS NOT NULL OR template_model IS NOT NULL)`),
    ).toBe(0)
    expect(await rowVersions(sql`campaign_id = ${campaignId}`)).toEqual(campaignVersions)
    expect(await answers()).toEqual(before)

    // The timeline marks what is gone: the receipt's body, the campaign email's event rows.
    const page = await contactTimeline(app.payload, contactIds[0])
    expect(page.items.filter((entry) => entry.type === 'message')).toEqual([
      expect.objectContaining({ kind: 'transactional', pruned: true }),
      expect.objectContaining({ kind: 'campaign', pruned: true }),
    ])
  })

  it('a second campaign sends exactly once while retention runs next to it', async () => {
    const next = await createCampaign(app.payload, { audience: { lists: [listId] }, name: 'New' })
    // More old rows, so retention has work during the send.
    await app.payload.db.drizzle.execute(sql`
      INSERT INTO ${tables.messageEvents} (type, message_id, contact_id, occurred_at, dedupe_key, created_at, updated_at)
      SELECT 'delivered', m.id, m.contact_id, now() - interval '400 days', 'old:' || m.id || ':' || g, now(), now()
      FROM ${tables.messages} m CROSS JOIN generate_series(1, 20) g WHERE m.campaign_id = ${campaignId}`)
    await sendCampaign(app.payload, next)
    let removed = 0
    const compact = async () => {
      for (;;) {
        const result = await retentionTick(app.payload, { maxBatches: 1 })
        removed += result.eventsRemoved
        if (result.eventsRemoved === 0) return
      }
    }
    await Promise.all([sendToCompletion(app.payload, next), compact()])
    expect(removed).toBe(24 * 20)
    // The three who unsubscribed are not in the audience any more.
    expect(await messageCounts(app.payload, next)).toEqual({ sent: 21 })
    const accepted = app.postmark.accepted.filter(
      (message) => message.Metadata?.campaignId === String(next),
    )
    expect(new Set(accepted.map((message) => message.To)).size).toBe(21)
    expect(accepted).toHaveLength(21)
  })

  it('finds a pruned message by our own id, and by Postmark id only while its body is kept, through the partial index', async () => {
    const [receipt] = rowsOf<Sent & { prunedAt: null | string }>(
      await app.payload.db.drizzle.execute(sql`
        SELECT id, to_address AS "to", postmark_message_id AS "postmarkId", body_pruned_at AS "prunedAt"
        FROM ${tables.messages} WHERE dedupe_key = ${`receipt:${contactIds[0]}`}`),
    )
    expect(receipt.prunedAt).not.toBeNull()
    const at = daysAgo(1)
    expect(
      await recordPostmarkWebhook(app.payload, openBody(receipt.postmarkId, receipt.to, at)),
    ).toMatchObject({ outcome: 'ignored' })
    expect(
      await recordPostmarkWebhook(
        app.payload,
        openBody(receipt.postmarkId, receipt.to, at, { messageId: String(receipt.id) }),
      ),
    ).toMatchObject({ outcome: 'recorded' })
    // A campaign email keeps no body to prune, so Postmark's id alone still finds it.
    const [kept] = await sentMessages(campaignId)
    expect(
      await recordPostmarkWebhook(
        app.payload,
        clickBody(kept.postmarkId, kept.to, 'https://example.com/late', at),
      ),
    ).toMatchObject({ outcome: 'recorded' })

    const plan = await app.payload.db.drizzle.transaction(async (tx) => {
      await tx.execute(sql`SET LOCAL enable_seqscan = off`)
      const [row] = rowsOf<{ 'QUERY PLAN': { Plan: PlanNode }[] }>(
        await tx.execute(
          sql`EXPLAIN (FORMAT JSON) ${messageLookupStatement(tables.messages, null, kept.postmarkId)}`,
        ),
      )
      return row['QUERY PLAN'][0].Plan
    })
    expect(nodesOf(plan).map((node) => node['Index Name'])).toContain(
      `${tableNames.messages}_postmark_id_idx`,
    )
  })
})
