import type { Payload } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import { campaignSenderOf } from '../../src/campaigns/campaignContent'
import { rowsOf } from '../../src/utilities/db'
import { createApiClient } from '../helpers/apiClient'
import { bootTestPayload, type TestPayload } from '../helpers/bootTestPayload'
import { slugs, tableNames, tables } from '../helpers/slugs'
import { statementsDuring } from '../helpers/statementLog'

/** The contacts' relationships table and its column of tag ids (`<tags table>_id`, as Payload names it). */
const contactRels = sql.identifier(`${tableNames.contacts}_rels`)
const tagColumn = sql.identifier(`${tableNames.tags}_id`)

let app: TestPayload
let payload: Payload
let api: ReturnType<typeof createApiClient>
let token: string
let listIds: number[]
let vipTag: number
let otherTag: number

const one = async <T>(query: ReturnType<typeof sql>): Promise<T> =>
  rowsOf<T>(await payload.db.drizzle.execute(query))[0]

const post = (path: string, body: unknown, auth = true) =>
  api.rest('POST', path, { body, token: auth ? token : undefined })
const get = (path: string, auth = true) =>
  api.rest('GET', path, { token: auth ? token : undefined })

/** Everything the bulk actions could change, to show a refused call changed nothing. */
const snapshot = async () =>
  one<Record<string, string>>(sql`SELECT
    (SELECT count(*) FROM ${tables.contacts}) AS contacts,
    (SELECT string_agg(parent_id || ':' || ${tagColumn}, ',' ORDER BY parent_id, ${tagColumn}) FROM ${contactRels} WHERE path = 'tags') AS tags,
    (SELECT string_agg(contact_id || ':' || list_id || ':' || status, ',' ORDER BY contact_id, list_id) FROM ${tables.subscriptions}) AS subscriptions,
    (SELECT count(*) FROM ${tables.automationEvents}) AS events`)

const taggedWith = async (tag: number) =>
  rowsOf<{ id: number }>(
    await payload.db.drizzle.execute(sql`
      SELECT parent_id AS id FROM ${contactRels} WHERE path = 'tags' AND ${tagColumn} = ${tag} ORDER BY 1`),
  ).map((row) => row.id)

beforeAll(async () => {
  app = await bootTestPayload({ cacheKey: 'default', name: 'audience-lists-bulk' })
  payload = app.payload
  api = createApiClient(app.config)
  await payload.create({
    collection: 'users',
    data: { email: 'admin@example.com', password: 'admin-password' },
  })
  token = (
    await api.rest('POST', '/users/login', {
      body: { email: 'admin@example.com', password: 'admin-password' },
    })
  ).body.token
  listIds = []
  for (const name of ['Weekly', 'Monthly', 'Empty'])
    listIds.push((await payload.create({ collection: slugs.lists, data: { name, slug: '' } })).id)
  vipTag = (await payload.create({ collection: slugs.tags, data: { name: 'vip' } })).id
  otherTag = (await payload.create({ collection: slugs.tags, data: { name: 'other' } })).id
  // 1,200 contacts: every second one in Weekly (a third of those unsubscribed), every fifth in Monthly (pending).
  await payload.db.drizzle.execute(sql`
    INSERT INTO ${tables.contacts} (email, status, created_at, updated_at)
    SELECT 'member' || i || '@example.com', CASE WHEN i % 50 = 0 THEN 'bounced' ELSE 'active' END::enum_em_contact_status, now(), now()
    FROM generate_series(1, 1200) AS i`)
  await payload.db.drizzle.execute(sql`
    INSERT INTO ${tables.subscriptions} (contact_id, list_id, status, subscribed_at, unsubscribed_at, created_at, updated_at)
    SELECT c.id, ${listIds[0]}, CASE WHEN n % 3 = 0 THEN 'unsubscribed' ELSE 'subscribed' END::enum_em_subscription_status, now(),
      CASE WHEN n % 3 = 0 THEN now() END, now(), now()
    FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM ${tables.contacts}) c WHERE n % 2 = 0`)
  await payload.db.drizzle.execute(sql`
    INSERT INTO ${tables.subscriptions} (contact_id, list_id, status, pending_at, created_at, updated_at)
    SELECT c.id, ${listIds[1]}, 'pending', now(), now(), now()
    FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM ${tables.contacts}) c WHERE n % 5 = 0`)
})

afterAll(async () => {
  await app?.shutdown()
})

describe('subscriber counts on lists', () => {
  it('equal the database for every list, from one grouped query for the whole page', async () => {
    let found: { docs: { id: number; subscribers: Record<string, number> }[] } | undefined
    const statements = await statementsDuring(payload, async () => {
      found = (await payload.find({ collection: slugs.lists, depth: 0, limit: 10 })) as never
    })
    expect(
      statements.filter((text) => text.includes(`"${tableNames.subscriptions}"`)),
    ).toHaveLength(1)
    for (const doc of found!.docs) {
      const expected = await one<Record<string, number>>(sql`
        SELECT count(*) FILTER (WHERE status = 'pending')::int AS pending,
          count(*) FILTER (WHERE status = 'subscribed')::int AS subscribed,
          count(*) FILTER (WHERE status = 'unsubscribed')::int AS unsubscribed
        FROM ${tables.subscriptions} WHERE list_id = ${doc.id}`)
      expect(doc.subscribers).toEqual(expected)
    }
    expect(found!.docs.find((doc) => doc.id === listIds[0])!.subscribers.subscribed).toBe(400)
  })

  it('are not read for a find that selects other fields, such as the sender every fan-out tick looks up', async () => {
    await payload.update({
      collection: slugs.lists,
      data: { fromEmail: 'members@example.com', fromName: 'Members desk' },
      id: listIds[0],
    })
    const readsSubscriptions = (statements: string[]) =>
      statements.filter((text) => text.includes(`"${tableNames.subscriptions}"`))
    let sender: Awaited<ReturnType<typeof campaignSenderOf>> | undefined
    expect(
      readsSubscriptions(
        await statementsDuring(payload, async () => {
          sender = await campaignSenderOf(
            payload,
            {},
            {
              excludedLists: [],
              excludedSegments: [],
              lists: [listIds[0]],
              segment: null,
            },
          )
        }),
      ),
    ).toEqual([])
    expect(sender).toEqual({ address: 'members@example.com', name: 'Members desk' })

    let selected: { docs: { subscribers?: Record<string, number> }[] } | undefined
    const counted = await statementsDuring(payload, async () => {
      selected = (await payload.find({
        collection: slugs.lists,
        select: { name: true, subscribers: true },
        where: { id: { equals: listIds[0] } },
      } as never)) as never
    })
    expect(readsSubscriptions(counted)).toHaveLength(1)
    expect(selected!.docs[0].subscribers?.subscribed).toBe(400)
  })

  it('are in the REST answer of one list too', async () => {
    const answer = await get(`/${slugs.lists}/${listIds[1]}`)
    expect(answer.body.subscribers).toEqual({ pending: 240, subscribed: 0, unsubscribed: 0 })
  })
})

describe('list members endpoints', () => {
  it('pages through members, filters by status and finds one by part of its address', async () => {
    const all = await get(`/email-marketing/lists/${listIds[0]}/members?limit=100`)
    expect(all.status).toBe(200)
    expect(all.body.totalDocs).toBe(600)
    expect(all.body.docs).toHaveLength(100)
    const unsubscribed = await get(
      `/email-marketing/lists/${listIds[0]}/members?status=unsubscribed`,
    )
    expect(unsubscribed.body.totalDocs).toBe(200)
    expect(new Set(unsubscribed.body.docs.map((doc: { status: string }) => doc.status))).toEqual(
      new Set(['unsubscribed']),
    )
    const search = await get(`/email-marketing/lists/${listIds[0]}/members?search=MEMBER1000@`)
    expect(search.body.docs.map((doc: { email: string }) => doc.email)).toEqual([
      'member1000@example.com',
    ])
    const wildcard = await get(`/email-marketing/lists/${listIds[0]}/members?search=%25`)
    expect(wildcard.body.totalDocs).toBe(0)
  })

  it('answers 400 to a bad status or page, 404 to an unknown list, 401 without a login', async () => {
    expect((await get(`/email-marketing/lists/${listIds[0]}/members?status=gone`)).status).toBe(400)
    expect((await get(`/email-marketing/lists/${listIds[0]}/members?page=0`)).status).toBe(400)
    expect((await get(`/email-marketing/lists/${listIds[0]}/members?limit=1000`)).status).toBe(400)
    expect((await get('/email-marketing/lists/999999/members')).status).toBe(404)
    expect((await get('/email-marketing/lists/abc/members')).status).toBe(400)
    expect((await get(`/email-marketing/lists/${listIds[0]}/members`, false)).status).toBe(401)
  })

  it('adds active contacts by address and refuses unknown or inactive ones without changing anything', async () => {
    const before = await snapshot()
    const unknown = await post(`/email-marketing/lists/${listIds[2]}/members`, {
      emails: ['member1@example.com', 'nobody@example.com'],
    })
    expect(unknown.status).toBe(400)
    expect(unknown.body.errors[0].message).toContain('nobody@example.com')
    const bounced = await post(`/email-marketing/lists/${listIds[2]}/members`, {
      emails: ['member50@example.com'],
    })
    expect(bounced.status).toBe(400)
    expect(bounced.body.errors[0].message).toContain('member50@example.com is bounced')
    expect(
      (await post(`/email-marketing/lists/${listIds[2]}/members`, { emails: [] })).status,
    ).toBe(400)
    expect(
      (await post(`/email-marketing/lists/${listIds[2]}/members`, { emails: 'a' })).status,
    ).toBe(400)
    expect(await snapshot()).toEqual(before)

    const added = await post(`/email-marketing/lists/${listIds[2]}/members`, {
      emails: [' Member1@example.com', 'member3@example.com'],
    })
    expect(added).toEqual({ body: { added: 2, alreadyMembers: 0 }, status: 200 })
    const again = await post(`/email-marketing/lists/${listIds[2]}/members`, {
      emails: ['member1@example.com'],
    })
    expect(again.body).toEqual({ added: 0, alreadyMembers: 1 })
    const rows = rowsOf<{ email: string; status: string }>(
      await payload.db.drizzle.execute(sql`
        SELECT c.email, s.status::text AS status FROM ${tables.subscriptions} s JOIN ${tables.contacts} c ON c.id = s.contact_id
        WHERE s.list_id = ${listIds[2]} ORDER BY 1`),
    )
    expect(rows).toEqual([
      { email: 'member1@example.com', status: 'subscribed' },
      { email: 'member3@example.com', status: 'subscribed' },
    ])
    const facts = await one<{ count: number }>(sql`
      SELECT count(*)::int AS count FROM ${tables.automationEvents} WHERE type = 'list.subscribed' AND (data->>'listId')::int = ${listIds[2]}`)
    expect(facts.count).toBe(2)
  })

  it('removes a member by unsubscribing it, and refuses contacts that are not on the list', async () => {
    const member = await one<{ id: number }>(
      sql`SELECT id FROM ${tables.contacts} WHERE email = 'member3@example.com'`,
    )
    const notMember = await one<{ id: number }>(
      sql`SELECT id FROM ${tables.contacts} WHERE email = 'member5@example.com'`,
    )
    const before = await snapshot()
    const refused = await post(`/email-marketing/lists/${listIds[2]}/members/remove`, {
      contacts: [member.id, notMember.id],
    })
    expect(refused.status).toBe(400)
    expect(
      (await post(`/email-marketing/lists/${listIds[2]}/members/remove`, { contacts: ['x'] }))
        .status,
    ).toBe(400)
    expect(await snapshot()).toEqual(before)
    const removed = await post(`/email-marketing/lists/${listIds[2]}/members/remove`, {
      contacts: [member.id],
    })
    expect(removed).toEqual({ body: { removed: 1 }, status: 200 })
    const row = await one<{ status: string }>(sql`
      SELECT status::text FROM ${tables.subscriptions} WHERE list_id = ${listIds[2]} AND contact_id = ${member.id}`)
    expect(row.status).toBe('unsubscribed')
  })
})

describe('bulk contact actions', () => {
  const weeklySubscribed = () => ({ filter: { list: listIds[0], listStatus: 'subscribed' } })

  it('counts a filter as the database does', async () => {
    const answer = await post('/email-marketing/contacts/bulk/count', {
      selection: weeklySubscribed(),
    })
    expect(answer).toEqual({ body: { count: 400 }, status: 200 })
    const bounced = await post('/email-marketing/contacts/bulk/count', {
      selection: { filter: { status: 'bounced' } },
    })
    expect(bounced.body.count).toBe(24)
  })

  it('refuses bad input with a 400 and changes nothing', async () => {
    const before = await snapshot()
    const bad: unknown[] = [
      { action: 'addTag', expectedCount: 1200, selection: { filter: {} }, tag: vipTag },
      { action: 'addTag', expectedCount: 1200, selection: { filter: { email: 'x' } }, tag: vipTag },
      { action: 'addTag', expectedCount: 1, selection: { ids: [] }, tag: vipTag },
      { action: 'addTag', expectedCount: 1, selection: { ids: [-1] }, tag: vipTag },
      { action: 'addTag', expectedCount: 400, selection: weeklySubscribed() },
      { action: 'addTag', expectedCount: 400, selection: weeklySubscribed(), tag: 999999 },
      { action: 'subscribe', expectedCount: 400, list: 999999, selection: weeklySubscribed() },
      { action: 'explode', expectedCount: 400, selection: weeklySubscribed() },
      { action: 'delete', selection: weeklySubscribed() },
      { action: 'delete', expectedCount: 0, selection: weeklySubscribed() },
      { action: 'delete', expectedCount: 400, selection: 'everyone' },
      {
        action: 'delete',
        expectedCount: 1200,
        everyone: true,
        selection: { filter: { status: 'active' }, everyone: true },
      },
      { action: 'delete', expectedCount: 400, selection: { filter: { listStatus: 'subscribed' } } },
    ]
    for (const body of bad) {
      const answer = await post('/email-marketing/contacts/bulk', body)
      expect({ body, status: answer.status }).toEqual({ body, status: 400 })
    }
    expect(await snapshot()).toEqual(before)
  })

  it('answers 409 and changes nothing when the confirmed count no longer holds', async () => {
    const before = await snapshot()
    const answer = await post('/email-marketing/contacts/bulk', {
      action: 'delete',
      expectedCount: 399,
      selection: weeklySubscribed(),
    })
    expect(answer.status).toBe(409)
    expect(answer.body.errors[0].message).toContain('now matches 400 contacts')
    expect(await snapshot()).toEqual(before)
  })

  it('answers 401 without a login', async () => {
    const answer = await post(
      '/email-marketing/contacts/bulk',
      { action: 'delete', expectedCount: 400, selection: weeklySubscribed() },
      false,
    )
    expect(answer.status).toBe(401)
  })

  it('adds a tag to exactly the 500 contacts a filter matches, and records tag.added for each', async () => {
    // 500 contacts in one filter: tag the first 500 with "other", then select by that tag.
    await payload.db.drizzle.execute(sql`
      INSERT INTO ${contactRels} ("order", parent_id, path, ${tagColumn})
      SELECT 1, id, 'tags', ${otherTag} FROM ${tables.contacts} ORDER BY id LIMIT 500`)
    const expected = rowsOf<{ id: number }>(
      await payload.db.drizzle.execute(
        sql`SELECT id FROM ${tables.contacts} ORDER BY id LIMIT 500`,
      ),
    ).map((row) => row.id)
    const selection = { filter: { tag: otherTag } }
    const { count } = (await post('/email-marketing/contacts/bulk/count', { selection })).body
    expect(count).toBe(500)
    const answer = await post('/email-marketing/contacts/bulk', {
      action: 'addTag',
      expectedCount: count,
      selection,
      tag: vipTag,
    })
    expect(answer).toEqual({ body: { changed: 500, matched: 500 }, status: 200 })
    expect(await taggedWith(vipTag)).toEqual(expected)
    const facts = await one<{ count: number }>(sql`
      SELECT count(DISTINCT contact_id)::int AS count FROM ${tables.automationEvents} WHERE type = 'tag.added' AND (data->>'tagId')::int = ${vipTag}`)
    expect(facts.count).toBe(500)
    // Again: nobody gets the tag twice.
    const again = await post('/email-marketing/contacts/bulk', {
      action: 'addTag',
      expectedCount: 500,
      selection,
      tag: vipTag,
    })
    expect(again.body).toEqual({ changed: 0, matched: 500 })
    expect(await taggedWith(vipTag)).toEqual(expected)
  })

  it('removes the tag from picked ids only', async () => {
    const tagged = await taggedWith(vipTag)
    const picked = tagged.slice(0, 3)
    const answer = await post('/email-marketing/contacts/bulk', {
      action: 'removeTag',
      expectedCount: 3,
      selection: { ids: picked },
      tag: vipTag,
    })
    expect(answer.body).toEqual({ changed: 3, matched: 3 })
    expect(await taggedWith(vipTag)).toEqual(tagged.slice(3))
  })

  it('subscribes active contacts only, never over an unsubscribe, and unsubscribes a list', async () => {
    const selection = { filter: { list: listIds[0] } }
    // Weekly members that are active and not yet in Monthly (pending there stays pending).
    const expected = await one<{ count: number }>(sql`
      SELECT count(*)::int AS count FROM ${tables.subscriptions} w JOIN ${tables.contacts} c ON c.id = w.contact_id
      WHERE w.list_id = ${listIds[0]} AND c.status = 'active'
        AND NOT EXISTS (SELECT 1 FROM ${tables.subscriptions} m WHERE m.contact_id = w.contact_id AND m.list_id = ${listIds[1]})`)
    const answer = await post('/email-marketing/contacts/bulk', {
      action: 'subscribe',
      expectedCount: 600,
      list: listIds[1],
      selection,
    })
    expect(answer.body).toEqual({ changed: expected.count, matched: 600 })
    const pendingKept = await one<{ count: number }>(sql`
      SELECT count(*)::int AS count FROM ${tables.subscriptions} WHERE list_id = ${listIds[1]} AND status = 'pending'`)
    expect(pendingKept.count).toBe(240)

    const off = await post('/email-marketing/contacts/bulk', {
      action: 'unsubscribe',
      expectedCount: 600,
      list: listIds[0],
      selection,
    })
    expect(off.body).toEqual({ changed: 400, matched: 600 })
    const left = await one<{ count: number }>(sql`
      SELECT count(*)::int AS count FROM ${tables.subscriptions} WHERE list_id = ${listIds[0]} AND status <> 'unsubscribed'`)
    expect(left.count).toBe(0)
  })

  it('deletes every contact of a filter with their subscriptions, and no other', async () => {
    const before = await one<{ count: number }>(
      sql`SELECT count(*)::int AS count FROM ${tables.contacts}`,
    )
    const answer = await post('/email-marketing/contacts/bulk', {
      action: 'delete',
      expectedCount: 24,
      selection: { filter: { status: 'bounced' } },
    })
    expect(answer.body).toEqual({ changed: 24, matched: 24 })
    const after = await one<{ bounced: number; orphans: number; total: number }>(sql`SELECT
      (SELECT count(*)::int FROM ${tables.contacts}) AS total,
      (SELECT count(*)::int FROM ${tables.contacts} WHERE status = 'bounced') AS bounced,
      (SELECT count(*)::int FROM ${tables.subscriptions} s WHERE NOT EXISTS (SELECT 1 FROM ${tables.contacts} c WHERE c.id = s.contact_id)) AS orphans`)
    expect(after).toEqual({ bounced: 0, orphans: 0, total: before.count - 24 })
  })
})
