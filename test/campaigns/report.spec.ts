import { sql } from '@payloadcms/db-postgres'
import { parse } from 'csv-parse/sync'

import { sendCampaign } from '../../src/index'
import { rowsOf } from '../../src/utilities/db'
import {
  type Caller,
  callers,
  createCallers,
  type Credentials,
  leastPrivilegeOptions,
} from '../access/accessFixture'
import { createApiClient } from '../helpers/apiClient'
import { bootSendingApp, type SendingApp } from '../helpers/bootSendingApp'
import { slugs, tables } from '../helpers/slugs'
import {
  bounceBody,
  clickBody,
  deliveryBody,
  openBody,
  spamComplaintBody,
} from '../public/webhookPayloads'
import { createCampaign, createList, seedSubscribers, sendToCompletion } from './campaignFixtures'

let app: SendingApp
let api: ReturnType<typeof createApiClient>
let credentials: Credentials
let campaignId: number
let rows: { contactId: number; email: string; id: number; pmid: string }[]
const webhookAuth = { password: 'hook-secret', username: 'postmark' }

const call = async (caller: Caller, path: string) => {
  const response = await api.raw(
    new Request(`http://localhost:3000/api${path}`, { headers: credentials[caller] }),
  )
  const text = await response.text()
  return { response, text }
}

const getJson = async (path: string, caller: Caller = 'admin') => {
  const { response, text } = await call(caller, path)
  return { body: JSON.parse(text), status: response.status }
}

const postWebhook = async (body: Record<string, unknown>) => {
  const response = await api.raw(
    new Request('http://localhost:3000/api/email-marketing/webhooks/postmark', {
      body: JSON.stringify(body),
      headers: {
        authorization: `Basic ${Buffer.from(`${webhookAuth.username}:${webhookAuth.password}`).toString('base64')}`,
        'content-type': 'application/json',
      },
      method: 'POST',
    }),
  )
  expect(response.status).toBe(200)
}

const base = () => `/email-marketing/campaigns/${campaignId}`

/**
 * Ten recipients: 0-7 delivered; opens by 0 (twice), 1 and 2 at 10:15 and 12:30 UTC; clicks by 0
 * (two links) and 1; 3 unsubscribes after the send; 8 complains (which also unsubscribes it); 9
 * bounces.
 */
beforeAll(async () => {
  app = await bootSendingApp({
    cacheKey: 'default',
    name: 'campaign_report',
    plugin: { ...leastPrivilegeOptions, webhooks: webhookAuth },
  })
  api = createApiClient(app.config)
  credentials = await createCallers(app.payload, app.config)
  const listId = await createList(app.payload, 'Report readers')
  await seedSubscribers(app.payload, { count: 10, listId, prefix: 'report' })
  campaignId = await createCampaign(app.payload, { audience: { lists: [listId] } })
  await sendCampaign(app.payload, campaignId)
  await sendToCompletion(app.payload, campaignId)
  rows = rowsOf(
    await app.payload.db.drizzle.execute(sql`
      SELECT id, contact_id AS "contactId", to_address AS email, postmark_message_id AS pmid
      FROM ${tables.messages} WHERE campaign_id = ${campaignId} ORDER BY to_address`),
  )
  expect(rows).toHaveLength(10)
  for (const row of rows.slice(0, 8))
    await postWebhook(deliveryBody(row.pmid, row.email, '2026-11-01T10:00:00Z'))
  await postWebhook(openBody(rows[0].pmid, rows[0].email, '2026-11-01T10:15:00Z'))
  await postWebhook(openBody(rows[0].pmid, rows[0].email, '2026-11-01T12:30:00Z'))
  await postWebhook(openBody(rows[1].pmid, rows[1].email, '2026-11-01T10:20:00Z'))
  await postWebhook(openBody(rows[2].pmid, rows[2].email, '2026-11-01T12:40:00Z'))
  await postWebhook(
    clickBody(rows[0].pmid, rows[0].email, 'https://example.com/a', '2026-11-01T10:16:00Z'),
  )
  await postWebhook(
    clickBody(rows[0].pmid, rows[0].email, 'https://example.com/b', '2026-11-01T10:17:00Z'),
  )
  await postWebhook(
    clickBody(rows[1].pmid, rows[1].email, 'https://example.com/a', '2026-11-01T12:05:00Z'),
  )
  await postWebhook(spamComplaintBody(9001, rows[8].pmid, rows[8].email))
  await postWebhook(bounceBody(9002, rows[9].pmid, rows[9].email))
  await app.payload.db.drizzle.execute(sql`
    UPDATE ${tables.subscriptions} SET status = 'unsubscribed', unsubscribed_at = now() + interval '1 minute'
    WHERE contact_id = ${rows[3].contactId}`)
}, 300_000)

afterAll(async () => {
  await app?.shutdown()
})

describe('GET campaigns/:id/report', () => {
  it('counts unique recipients and total events of each metric, with rates over the sent emails', async () => {
    const { body, status } = await getJson(`${base()}/report`)
    expect(status).toBe(200)
    expect(body.recipients).toBe(10)
    expect(body.sent).toBe(10)
    const counts = Object.fromEntries(
      Object.entries(body.metrics as Record<string, { total: number; unique: number }>).map(
        ([name, metric]) => [name, [metric.unique, metric.total]],
      ),
    )
    expect(counts).toEqual({
      bounced: [1, 1],
      clicked: [2, 3],
      complained: [1, 1],
      // The complaint proves delivery of row 8, which had no Delivery webhook.
      delivered: [9, 9],
      opened: [3, 4],
      unsubscribed: [2, 2],
    })
    expect(body.metrics.opened.uniqueRate).toBe(0.3)
    expect(body.metrics.opened.totalRate).toBe(0.4)
    expect(body.metrics.clicked.uniqueRate).toBe(0.2)
  })

  it('ranks clicked links with total and unique clicks', async () => {
    const { body } = await getJson(`${base()}/report`)
    expect(body.links).toEqual([
      { total: 2, unique: 2, url: 'https://example.com/a' },
      { total: 1, unique: 1, url: 'https://example.com/b' },
    ])
  })

  it('buckets events per hour with empty hours as zeros, and per day on request', async () => {
    const hourly = (await getJson(`${base()}/report?bucket=hour`)).body.timeline
    expect(hourly.bucket).toBe('hour')
    const byHour = Object.fromEntries(
      hourly.buckets
        .filter((point: { at: string }) => point.at.startsWith('2026-11-01'))
        .map((point: Record<string, number | string>) => [
          point.at,
          [point.delivered, point.opened, point.clicked],
        ]),
    )
    expect(byHour).toMatchObject({
      '2026-11-01T10:00:00Z': [8, 2, 2],
      '2026-11-01T11:00:00Z': [0, 0, 0],
      '2026-11-01T12:00:00Z': [0, 2, 1],
    })
    const daily = (await getJson(`${base()}/report?bucket=day`)).body.timeline
    expect(daily.bucket).toBe('day')
    const day = daily.buckets.find((point: { at: string }) => point.at === '2026-11-01T00:00:00Z')
    expect(day).toMatchObject({ clicked: 3, delivered: 8, opened: 4 })
  })

  it('answers bad parameters and ids with a 400, an unknown campaign with a 404', async () => {
    const bucket = await getJson(`${base()}/report?bucket=week`)
    expect(bucket).toEqual({
      body: { errors: [{ message: 'bucket must be one of hour, day.' }] },
      status: 400,
    })
    expect((await getJson('/email-marketing/campaigns/abc/report')).status).toBe(400)
    expect((await getJson('/email-marketing/campaigns/999999/report')).status).toBe(404)
  })
})

describe('GET campaigns/:id/recipients', () => {
  const emails = (docs: { email: string }[]) => docs.map((doc) => doc.email).sort()
  const at = (...indexes: number[]) => indexes.map((index) => rows[index].email).sort()

  it.each([
    ['opened', [0, 1, 2]],
    ['clicked', [0, 1]],
    ['bounced', [9]],
    ['complained', [8]],
    ['unsubscribed', [3, 8]],
    ['not-opened', [3, 4, 5, 6, 7, 8, 9]],
    ['delivered', [0, 1, 2, 3, 4, 5, 6, 7, 8]],
  ])('lists the recipients who %s, and the report counts exactly them', async (event, indexes) => {
    const { body, status } = await getJson(`${base()}/recipients?event=${event}&limit=100`)
    expect(status).toBe(200)
    expect(emails(body.docs)).toEqual(at(...(indexes as number[])))
    expect(body.totalDocs).toBe((indexes as number[]).length)
    if (event !== 'not-opened') {
      const report = (await getJson(`${base()}/report`)).body
      expect(report.metrics[event].unique).toBe(body.totalDocs)
    }
  })

  it('pages through everyone in message order', async () => {
    const first = (await getJson(`${base()}/recipients?limit=4&page=1`)).body
    const third = (await getJson(`${base()}/recipients?limit=4&page=3`)).body
    expect(first).toMatchObject({ limit: 4, page: 1, totalDocs: 10, totalPages: 3 })
    expect(first.docs).toHaveLength(4)
    expect(third.docs).toHaveLength(2)
    const opener = (await getJson(`${base()}/recipients?event=opened`)).body.docs.find(
      (doc: { email: string }) => doc.email === rows[0].email,
    )
    expect(opener).toMatchObject({ clicks: 2, contactId: rows[0].contactId, opens: 2 })
    expect(opener.openedAt).toBe('2026-11-01T10:15:00Z')
  })

  it.each([
    [
      'event=maybe',
      'event must be one of all, delivered, opened, clicked, bounced, complained, unsubscribed, not-opened.',
    ],
    ['page=0', 'page must be a whole number from 1 to 1000000.'],
    ['limit=500', 'limit must be a whole number from 1 to 100.'],
    ['limit=2.5', 'limit must be a whole number from 1 to 100.'],
  ])('answers %s with a 400', async (query, message) => {
    expect(await getJson(`${base()}/recipients?${query}`)).toEqual({
      body: { errors: [{ message }] },
      status: 400,
    })
  })
})

describe('GET campaigns/:id/recipients/export', () => {
  it('exports the filtered recipients as CSV, with formula-like cells neutralised, and audits it', async () => {
    await app.payload.db.drizzle.execute(
      sql`UPDATE ${tables.contacts} SET first_name = '=HYPERLINK("x")' WHERE id = ${rows[1].contactId}`,
    )
    const { response, text } = await call('admin', `${base()}/recipients/export?event=opened`)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    expect(response.headers.get('content-disposition')).toContain(`campaign-${campaignId}-opened-`)
    const records = parse(text, { columns: true }) as Record<string, string>[]
    expect(records.map((record) => record.email).sort()).toEqual(
      [rows[0], rows[1], rows[2]].map((row) => row.email).sort(),
    )
    expect(Object.keys(records[0])).toEqual([
      'email',
      'firstName',
      'lastName',
      'status',
      'sentAt',
      'deliveredAt',
      'openedAt',
      'opens',
      'clickedAt',
      'clicks',
      'bouncedAt',
      'unsubscribedAt',
      'contactId',
      'messageId',
    ])
    expect(records.find((record) => record.email === rows[1].email)?.firstName).toBe(
      `'=HYPERLINK("x")`,
    )
    const notOpened = parse(
      (await call('admin', `${base()}/recipients/export?event=not-opened`)).text,
      { columns: true },
    ) as Record<string, string>[]
    expect(notOpened).toHaveLength(7)
    const [audit] = rowsOf<{ count: number }>(
      await app.payload.db.drizzle.execute(
        sql`SELECT count(*)::int AS count FROM ${tables.auditLog} WHERE action = 'export.campaignRecipients' AND target = ${`campaigns:${campaignId}`}`,
      ),
    )
    expect(audit.count).toBe(2)
  })

  it('answers a bad filter with a 400 before exporting anything', async () => {
    const { response, text } = await call('admin', `${base()}/recipients/export?event=nope`)
    expect(response.status).toBe(400)
    expect(text).toContain('event must be one of')
  })
})

describe('access', () => {
  const paths = () => [`${base()}/report`, `${base()}/recipients`, `${base()}/recipients/export`]
  const refused: Record<Exclude<Caller, 'admin'>, number> = {
    anonymous: 401,
    apiKey: 403,
    customer: 403,
    deniedAdmin: 403,
  }

  it.each(callers.filter((caller) => caller !== 'admin'))(
    'refuses %s, who may not read campaigns',
    async (caller) => {
      const statuses = []
      for (const path of paths()) statuses.push((await call(caller, path)).response.status)
      expect(statuses).toEqual(paths().map(() => refused[caller as Exclude<Caller, 'admin'>]))
    },
  )
})

describe('campaigns list columns', () => {
  it('fills sent at, recipients, open and click rate for a whole page of campaigns in one read', async () => {
    const draft = await createCampaign(app.payload, { name: 'Still a draft' })
    const { body, status } = await getJson(
      `/${slugs.campaigns}?limit=10&sort=id&where[id][in]=${campaignId},${draft}`,
    )
    expect(status).toBe(200)
    const [sent, unsent] = body.docs
    expect(sent).toMatchObject({ clickRate: 0.2, id: campaignId, openRate: 0.3, recipients: 10 })
    expect(Date.parse(sent.sentAt)).toBeGreaterThan(Date.now() - 3_600_000)
    expect(unsent).toMatchObject({
      clickRate: null,
      id: draft,
      openRate: null,
      recipients: 0,
      sentAt: null,
    })
  })
})

describe('GET messages/:id/rendered', () => {
  it('renders a campaign row again for its contact, with a readable subject and its events in order', async () => {
    const { body, status } = await getJson(`/email-marketing/messages/${rows[0].id}/rendered`)
    expect(status).toBe(200)
    const firstName = `Reader${/^report(\d+)@/.exec(rows[0].email)?.[1]}`
    expect(body.subject).toBe(`News for ${firstName}`)
    expect(body.rerendered).toBe(true)
    expect(body.html).toContain(`Hello ${firstName}`)
    // Oldest first; the fixture's webhook times are fixed (November 2026), the send is now.
    const times = body.timeline.map((item: { at: string }) => Date.parse(item.at))
    expect(times).toEqual([...times].sort((a, b) => a - b))
    expect(body.timeline.map((item: { type: string }) => item.type)).toEqual([
      'delivered',
      'opened',
      'clicked',
      'clicked',
      'opened',
      'queued',
      'sent',
    ])
    expect(
      body.timeline
        .filter((item: { type: string }) => item.type === 'clicked')
        .map((item: { detail: string }) => item.detail),
    ).toEqual(['https://example.com/a', 'https://example.com/b'])
  })

  it('shows a stored body as it is', async () => {
    const [queued] = await app.payload.db.drizzle
      .execute(
        sql`INSERT INTO ${tables.messages} (kind, status, stream, to_address, from_address, subject, html, dedupe_key, priority, attempts, created_at, updated_at)
          VALUES ('transactional', 'queued', 'outbound', 'x@example.com', 'news@example.com', 'Your order', '<p>Thanks</p>', 'report-test-stored', 0, 0, now(), now()) RETURNING id`,
      )
      .then((result) => rowsOf<{ id: number }>(result))
    const { body } = await getJson(`/email-marketing/messages/${queued.id}/rendered`)
    expect(body).toMatchObject({ html: '<p>Thanks</p>', rerendered: false, subject: 'Your order' })
    expect(body.timeline.map((item: { type: string }) => item.type)).toEqual(['queued'])
  })

  it('answers a bad id with a 400, an unknown one with a 404, and callers who may not read with 401/403', async () => {
    expect((await getJson('/email-marketing/messages/x/rendered')).status).toBe(400)
    expect((await getJson('/email-marketing/messages/999999/rendered')).status).toBe(404)
    const path = `/email-marketing/messages/${rows[0].id}/rendered`
    expect((await call('anonymous', path)).response.status).toBe(401)
    expect((await call('deniedAdmin', path)).response.status).toBe(403)
    expect((await call('customer', path)).response.status).toBe(403)
  })
})
