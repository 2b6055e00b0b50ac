import type { Payload } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import { dashboardData } from '../../src/dashboard/dashboardData'
import { rowsOf } from '../../src/utilities/db'
import { bootTestPayload, type TestPayload } from '../helpers/bootTestPayload'
import { slugs, tables } from '../helpers/slugs'

let app: TestPayload
let payload: Payload
let campaignIds: number[]

const run = (query: ReturnType<typeof sql>) => payload.db.drizzle.execute(query)

/** `count` messages of a campaign sent `daysAgo` days ago with the given status and events. */
const messages = (
  campaignId: null | number,
  count: number,
  { daysAgo = 1, opened = false, clicked = false, status = 'sent' } = {},
) =>
  run(sql`
    INSERT INTO ${tables.messages} (kind, status, stream, campaign_id, to_address, from_address, subject, priority, attempts,
      sent_at, events_opened_at, events_clicked_at, events_open_count, events_click_count, created_at, updated_at)
    SELECT ${campaignId ? 'campaign' : 'automation'}, ${status}::enum_em_message_status, 'broadcast', ${campaignId}::int, 'r' || i || '@example.com', 'news@example.com', 'Hi', 1, 1,
      now() - make_interval(days => ${daysAgo}), CASE WHEN ${opened} THEN now() END, CASE WHEN ${clicked} THEN now() END, 0, 0, now(), now()
    FROM generate_series(1, ${count}) AS i`)

beforeAll(async () => {
  app = await bootTestPayload({ name: 'audience-dashboard' })
  payload = app.payload
  await run(sql`
    INSERT INTO ${tables.contacts} (email, status, created_at, updated_at)
    SELECT 'd' || i || '@example.com',
      (ARRAY['active', 'active', 'active', 'unsubscribed', 'bounced', 'complained'])[1 + i % 6]::enum_em_contact_status,
      now() - make_interval(days => i % 45), now()
    FROM generate_series(1, 300) AS i`)
  const list = await payload.create({ collection: slugs.lists, data: { name: 'News', slug: '' } })
  await run(sql`
    INSERT INTO ${tables.subscriptions} (contact_id, list_id, status, subscribed_at, unsubscribed_at, created_at, updated_at)
    SELECT id, ${list.id}, CASE WHEN id % 4 = 0 THEN 'unsubscribed' ELSE 'subscribed' END::enum_em_subscription_status,
      now() - make_interval(days => id % 40), CASE WHEN id % 4 = 0 THEN now() - make_interval(days => id % 7) END, now(), now()
    FROM ${tables.contacts}`)
  campaignIds = []
  for (const [index, name] of ['Spring sale', 'Summer news', 'Draft only'].entries()) {
    const [row] = rowsOf<{ id: number }>(
      await run(sql`
        INSERT INTO ${tables.campaigns} (name, subject, status, fan_out_started_at, created_at, updated_at)
        VALUES (${name}, ${name}, ${index === 2 ? 'draft' : 'sent'}::enum_em_campaign_status,
          ${index === 2 ? null : new Date(Date.now() - (index + 1) * 86_400_000).toISOString()}::timestamptz, now(), now())
        RETURNING id`),
    )
    campaignIds.push(row.id)
  }
  // Spring sale: 1,000 sent, 400 opened (150 of them clicked), 3 complaints, 20 bounces, 50 still queued.
  await messages(campaignIds[0], 250, { opened: true })
  await messages(campaignIds[0], 150, { clicked: true, opened: true })
  await messages(campaignIds[0], 577)
  await messages(campaignIds[0], 3, { status: 'complained' })
  await messages(campaignIds[0], 20, { status: 'bounced' })
  await messages(campaignIds[0], 50, { status: 'queued' })
  // Summer news, sent 40 days ago: counts for the campaign, not for the 30-day deliverability.
  await messages(campaignIds[1], 200, { daysAgo: 40, opened: true })
  await messages(campaignIds[1], 10, { daysAgo: 40, status: 'complained' })
  const automation = await payload.create({
    collection: slugs.automations,
    data: { name: 'Welcome series', status: 'active' } as never,
  })
  await payload.create({
    collection: slugs.automations,
    data: { name: 'Paused one', status: 'paused' } as never,
  })
  await run(sql`
    INSERT INTO ${tables.enrollments} (automation_id, contact_id, status, created_at, updated_at)
    SELECT ${automation.id}, id, (ARRAY['active', 'waiting', 'completed'])[1 + id % 3]::enum_em_enrollment_status, now(), now()
    FROM ${tables.contacts} ORDER BY id LIMIT 90`)
})

afterAll(async () => {
  await app?.shutdown()
})

describe('dashboard numbers', () => {
  it('count contacts by status as the database does', async () => {
    const data = await dashboardData(payload)
    const rows = rowsOf<{ count: number; status: string }>(
      await run(
        sql`SELECT status::text, count(*)::int AS count FROM ${tables.contacts} GROUP BY 1`,
      ),
    )
    expect(data.contactsByStatus).toEqual(
      Object.fromEntries(rows.map((row) => [row.status, row.count])),
    )
    expect(data.totalContacts).toBe(300)
  })

  it('give 30 UTC days of growth whose sums equal the rows inside the window', async () => {
    const { growth } = await dashboardData(payload)
    expect(growth).toHaveLength(30)
    expect(growth[29].day).toBe(new Date().toISOString().slice(0, 10))
    const since = sql`((now() AT TIME ZONE 'UTC')::date - 29)::timestamp AT TIME ZONE 'UTC'`
    const [expected] = rowsOf<{ contacts: number; subscribed: number; unsubscribed: number }>(
      await run(sql`SELECT
        (SELECT count(*)::int FROM ${tables.contacts} WHERE created_at >= ${since}) AS contacts,
        (SELECT count(*)::int FROM ${tables.subscriptions} WHERE subscribed_at >= ${since}) AS subscribed,
        (SELECT count(*)::int FROM ${tables.subscriptions} WHERE unsubscribed_at >= ${since}) AS unsubscribed`),
    )
    const sum = (key: 'newContacts' | 'subscribed' | 'unsubscribed') =>
      growth.reduce((total, day) => total + day[key], 0)
    expect({
      contacts: sum('newContacts'),
      subscribed: sum('subscribed'),
      unsubscribed: sum('unsubscribed'),
    }).toEqual(expected)
    expect(expected.subscribed).toBeGreaterThan(0)
    expect(expected.subscribed).toBeLessThan(300)
  })

  it('list sent campaigns newest first with open and click rates over sent messages; drafts are left out', async () => {
    const { recentCampaigns } = await dashboardData(payload)
    expect(recentCampaigns.map((campaign) => campaign.name)).toEqual(['Spring sale', 'Summer news'])
    expect(recentCampaigns[0]).toEqual(
      expect.objectContaining({
        clicked: 150,
        clickRate: 0.15,
        opened: 400,
        openRate: 0.4,
        sent: 1000,
      }),
    )
    expect(recentCampaigns[1]).toEqual(expect.objectContaining({ opened: 200, sent: 210 }))
  })

  it('list active automations with their running and waiting enrollments', async () => {
    const { runningAutomations } = await dashboardData(payload)
    expect(runningAutomations).toEqual([
      expect.objectContaining({ activeEnrollments: 60, name: 'Welcome series' }),
    ])
  })

  it('rate bounces and complaints over the last 30 days and warn above 0.1 %, alert above 0.3 %', async () => {
    const first = (await dashboardData(payload)).deliverability
    expect(first).toEqual({
      bounced: 20,
      bounceRate: 0.02,
      complained: 3,
      complaintRate: 0.003,
      level: 'warning',
      sent: 1000,
    })
    await messages(null, 1, { status: 'complained' })
    const second = (await dashboardData(payload)).deliverability
    expect(second.complained).toBe(4)
    expect(second.level).toBe('alert')
  })
})
