import type { Payload, PayloadRequest } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import { isPlaceholderAddress } from '../src/layouts/seedDefaultLayout'
import { arrayParam, drizzleFor } from '../src/utilities/db'
import { seedOrderTemplates } from './orderTemplates'
import { seedDemoDeals } from './seedDeals'

export const demoLogin = { email: 'demo@example.com', password: 'demo-password' }

const firstNames = [
  'Ada',
  'Grace',
  'Alan',
  'Edsger',
  'Barbara',
  'Donald',
  'Margaret',
  'Linus',
  'Radia',
  'Ken',
  'Frances',
  'Dennis',
  'Katherine',
  'Tim',
  'Hedy',
  'Guido',
  'Anita',
  'Bjarne',
  'Joan',
  'Niklaus',
]
const lastNames = [
  'Lovelace',
  'Hopper',
  'Turing',
  'Dijkstra',
  'Liskov',
  'Knuth',
  'Hamilton',
  'Torvalds',
  'Perlman',
  'Thompson',
  'Allen',
  'Ritchie',
  'Johnson',
  'Berners-Lee',
  'Lamarr',
  'van Rossum',
  'Borg',
  'Stroustrup',
  'Clarke',
  'Wirth',
]
const companies = [
  'Acme',
  'Globex',
  'Initech',
  'Umbrella',
  'Hooli',
  'Stark Industries',
  'Wayne Enterprises',
  'Soylent',
]
/** One transaction means one connection: run its queries one after another. */
const inSequence = async <T>(tasks: (() => Promise<T>)[]): Promise<T[]> => {
  const results: T[] = []
  for (const task of tasks) results.push(await task())
  return results
}

const tagNames = ['customer', 'lead', 'vip', 'newsletter', 'beta-tester']

/**
 * Demo data for the dev app, created once: an admin user, 3 lists, 5 tags and 1,000 contacts with
 * tags and subscriptions. Contacts go in with set-based SQL so seeding takes a moment, not minutes.
 * Returns false when the data was already there.
 */
export const seedDemoData = async (payload: Payload, contactCount = 1000): Promise<boolean> => {
  await seedOrderTemplates(payload)
  await seedDemoPostalAddress(payload)
  const { totalDocs } = await payload.count({ collection: 'users' })
  if (totalDocs > 0) {
    await seedDemoDeals(payload, demoLogin.email)
    return false
  }
  const transactionID = (await payload.db.beginTransaction()) ?? undefined
  try {
    await insertDemoData(payload, { transactionID } as PayloadRequest, contactCount)
    if (transactionID) await payload.db.commitTransaction(transactionID)
  } catch (error) {
    if (transactionID) await payload.db.rollbackTransaction(transactionID)
    throw error
  }
  await seedDemoDeals(payload, demoLogin.email)
  return true
}

export const demoPostalAddress =
  'Payload Email Marketing demo\n1 Example Street\n1000 Demo City, Belgium'

/** The seeded layout's placeholder address blocks every send (the pre-send checklist); the demo gets a made-up one. */
const seedDemoPostalAddress = async (payload: Payload): Promise<void> => {
  const { docs } = await payload.find({
    collection: 'layouts',
    depth: 0,
    limit: 10,
    pagination: false,
    where: { kind: { equals: 'marketing' } },
  })
  for (const layout of docs) {
    if (isPlaceholderAddress(layout.postalAddress))
      await payload.update({
        collection: 'layouts',
        data: { postalAddress: demoPostalAddress },
        id: layout.id,
      })
  }
}

const insertDemoData = async (
  payload: Payload,
  req: PayloadRequest,
  contactCount: number,
): Promise<void> => {
  await payload.create({ collection: 'users', req, data: { ...demoLogin, name: 'Demo admin' } })
  const lists = await inSequence([
    () =>
      payload.create({
        collection: 'lists',
        req,
        data: {
          name: 'Newsletter',
          slug: 'newsletter',
          description: 'Monthly news.',
          doubleOptIn: true,
          public: true,
        },
      }),
    () =>
      payload.create({
        collection: 'lists',
        req,
        data: {
          name: 'Product updates',
          slug: 'product-updates',
          description: 'Release notes.',
          doubleOptIn: true,
          public: true,
        },
      }),
    () =>
      payload.create({
        collection: 'lists',
        req,
        data: {
          name: 'Customers',
          slug: 'customers',
          description: 'Everyone who bought.',
          doubleOptIn: false,
          public: false,
        },
      }),
  ])
  const tags = await inSequence(
    tagNames.map((name) => () => payload.create({ collection: 'tags', req, data: { name } })),
  )

  const db = await drizzleFor({ payload, transactionID: req.transactionID })
  await db.execute(sql`
    INSERT INTO contacts (email, first_name, last_name, company, status, source, attributes, created_at, updated_at)
    SELECT
      lower(replace(f.name || '.' || l.name, ' ', '')) || '.' || i || '@example.com',
      f.name, l.name,
      ${sql.raw(`(ARRAY[${companies.map((c) => `'${c}'`).join(',')}])`)}[1 + i % ${companies.length}],
      (CASE WHEN i % 50 = 0 THEN 'unsubscribed' WHEN i % 97 = 0 THEN 'bounced' ELSE 'active' END)::enum_em_contact_status,
      (CASE WHEN i % 3 = 0 THEN 'import' ELSE 'form' END),
      jsonb_build_object('plan', (ARRAY['free','pro','team'])[1 + i % 3], 'signupYear', 2020 + i % 6),
      now() - (i || ' hours')::interval,
      now()
    FROM generate_series(1, ${contactCount}) AS i
    CROSS JOIN LATERAL (SELECT (${sql.raw(`ARRAY[${firstNames.map((n) => `'${n}'`).join(',')}]`)})[1 + i % ${firstNames.length}] AS name) f
    CROSS JOIN LATERAL (SELECT (${sql.raw(`ARRAY[${lastNames.map((n) => `'${n}'`).join(',')}]`)})[1 + (i / ${firstNames.length}) % ${lastNames.length}] AS name) l
  `)
  const tagIds = tags.map((tag) => tag.id)
  await db.execute(sql`
    INSERT INTO contacts_rels ("order", parent_id, path, tags_id)
    SELECT 1, c.id, 'tags', (${arrayParam(tagIds)}::int[])[1 + c.id % ${tagIds.length}] FROM contacts c
    UNION ALL
    SELECT 2, c.id, 'tags', (${arrayParam(tagIds)}::int[])[1 + (c.id / 7) % ${tagIds.length}] FROM contacts c WHERE c.id % 4 = 0
  `)
  const [newsletter, productUpdates, customers] = lists.map((list) => list.id)
  await db.execute(sql`
    INSERT INTO subscriptions (contact_id, list_id, status, subscribed_at, pending_at, unsubscribed_at)
    SELECT c.id, s.list_id,
      (CASE WHEN c.id % 23 = 0 THEN 'pending' WHEN c.id % 31 = 0 THEN 'unsubscribed' ELSE 'subscribed' END)::enum_em_subscription_status,
      CASE WHEN c.id % 23 <> 0 THEN c.created_at END,
      c.created_at,
      CASE WHEN c.id % 31 = 0 AND c.id % 23 <> 0 THEN now() END
    FROM contacts c
    JOIN LATERAL (VALUES (${newsletter}::int, c.id % 5 <> 0), (${productUpdates}::int, c.id % 2 = 0), (${customers}::int, c.id % 3 = 0)) AS s(list_id, member) ON s.member
  `)
  const vip = tags[tagNames.indexOf('vip')]!.id
  await payload.create({
    collection: 'segments',
    req,
    data: {
      name: 'Pro newsletter readers and VIPs',
      description:
        'Demo segment: pro-plan contacts subscribed to the newsletter, or anyone tagged vip.',
      match: 'any',
      groups: [
        {
          match: 'all',
          conditions: [
            { type: 'attribute', attribute: 'plan', operator: 'equals', value: 'pro' },
            { type: 'listStatus', operator: 'subscribed', list: newsletter },
          ],
        },
        { match: 'all', conditions: [{ type: 'tag', operator: 'hasTag', tag: vip }] },
      ],
    },
  })
}
